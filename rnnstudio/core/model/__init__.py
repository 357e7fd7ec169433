"""The network and what it is used through: the model, one step in numpy, sampling, the model file, export."""
