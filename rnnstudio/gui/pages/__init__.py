"""The app's steps, one page each (they may use views, never each other's insides)."""
