"""Bundled data files (sample corpora, icons, translations); see rnnstudio.paths."""
