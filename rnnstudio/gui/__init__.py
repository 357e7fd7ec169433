"""The desktop app. The only package that imports Qt; it drives rnnstudio.core."""
from .refcount_guard import make_singletons_immortal

make_singletons_immortal()  # before any Qt call: see refcount_guard
