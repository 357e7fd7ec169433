"""Reading text: files and folders in any common encoding, vocabularies, the encoded corpus."""
