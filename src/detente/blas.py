"""The pipeline's matrix products through numpy's OpenBLAS, one thread at a time.

thinc multiplies its matrices with BLIS, which picks its kernels by the processor it
recognises; on one it does not know (an AMD EPYC of family 25, as on the machine this was
measured on) it runs its generic reference code, and the encoders of the tagger, parser and
entity recogniser took about a quarter of a whole ingest. numpy's OpenBLAS tells processors at
run time and was three times as fast on the same products; the annotations of the VOA corpus
are the same token by token. Left to itself OpenBLAS splits a product over every core, which
on a busy two-core machine made an ingest slower than BLIS (the second thread waits for a core
the first one's process needs), and would multiply the threads of ``--processes`` or a Dask
worker: each product runs on the calling thread alone. (The count is OpenBLAS's, for the whole
process: a product another thread runs meanwhile may run with either count, to the same
result.)

Only numpy's own OpenBLAS (the wheels' ``scipy_openblas``) is used so: with any other BLAS, or
none found, the layers keep thinc's BLIS.
"""

from __future__ import annotations

import ctypes
import functools
from collections.abc import Callable
from pathlib import Path

import numpy
from spacy.language import Language
from thinc.api import NumpyOps

# how numpy's wheels name the OpenBLAS they ship, beside the package (Linux, Windows) or in it
_LIBRARY_PLACES = ("numpy.libs", "numpy/.dylibs")
_LIBRARY_NAMES = ("*scipy_openblas*.so*", "*scipy_openblas*.dylib", "*scipy_openblas*.dll")
# sets the thread count, returning the one before
_SET_THREADS = "openblas_set_num_threads_local"


@functools.cache
def thread_setter() -> Callable[[int], int] | None:
    """numpy's OpenBLAS's setter of its thread count (returning the count before), or None
    where numpy ships no OpenBLAS that has one."""
    site = Path(numpy.__file__).resolve().parent.parent
    for place in _LIBRARY_PLACES:
        for pattern in _LIBRARY_NAMES:
            for path in sorted((site / place).glob(pattern)):
                try:
                    setter = getattr(ctypes.CDLL(str(path)), _SET_THREADS)
                except (OSError, AttributeError):
                    continue
                setter.argtypes = [ctypes.c_int]
                setter.restype = ctypes.c_int
                return setter
    return None


class SerialNumpyOps(NumpyOps):
    """thinc's numpy operations, with every matrix product through numpy's OpenBLAS on one
    thread (the count before is put back after each product)."""

    name = "serial_numpy"

    def __init__(self) -> None:
        super().__init__(use_blis=False)

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        set_threads = thread_setter()
        if set_threads is None:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        previous = set_threads(1)
        try:
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)
        finally:
            set_threads(previous)


def serial_numpy_products(nlp: Language) -> bool:
    """Give the pipeline's layers that multiply with BLIS ``SerialNumpyOps`` instead, where
    numpy's OpenBLAS can be held to one thread; whether it could."""
    if thread_setter() is None:
        return False
    ops = SerialNumpyOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                layer.ops = ops
    return True
