"""Many runs: the run library, runs side by side, the architecture search."""
