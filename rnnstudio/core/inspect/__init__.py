"""Seeing inside a trained network: units and gates, probes, surprise, copying, gradients through time, reports."""
