"""Blocks of int8 × int16 dot products for the compiled step (imported only by compiled.py).

A block is ``rows`` weight rows (int8) against ``seqs`` sequences (int16), their products
summed exactly in int32: what compiled.qrows_product builds a product of. numba's own loops do
not get there: LLVM vectorises an int16 reduction with 128-bit multiply-adds at best, and a
block of several rows and sequences with 32-bit multiplies, slower than the float32 products
(measured here: tools and figures in the README, "int8 weights"). So each block is written in
LLVM's own code, as llvmlite builds it inside the compiled function (numba.extending.intrinsic):
16 weights a load, widened to int16, and AVX2's vpmaddwd, which multiplies 16 pairs and adds
them pairwise into 8 int32 sums in one instruction, into one accumulator per row and sequence.

Where the compiling CPU lacks AVX2 (target_avx2), the same sums are written in plain vector
code that any target compiles (slower there, so the stepper keeps float32 products on such
machines: kernels.int8()); both are tested, whatever the CPU.

numba's cache knows compiled.py's sources, not this file's: a change here must touch compiled.py.
"""
from __future__ import annotations

from llvmlite import ir
from numba.core import cgutils, types
from numba.extending import intrinsic

LANES = 16   # weights a load: a row's width is padded to a multiple (quantize.py)


def target_avx2() -> bool:
    """Whether numba compiles for a CPU with AVX2: its own features, as its code generator takes
    them (NUMBA_CPU_FEATURES, else the host's less what NUMBA_ENABLE_AVX turns off)."""
    from numba.core import codegen, config
    features = config.CPU_FEATURES if config.CPU_FEATURES is not None else codegen.get_host_cpu_features()
    return "+avx2" in features.split(",")


_I8, _I16, _I32 = ir.IntType(8), ir.IntType(16), ir.IntType(32)
_V16I8, _V16I16, _V8I32 = ir.VectorType(_I8, LANES), ir.VectorType(_I16, LANES), ir.VectorType(_I32, 8)


def _multiply_add(builder, x86: bool):
    """The 16 products of two int16 vectors, added pairwise into 8 int32 sums (vpmaddwd)."""
    if x86:
        fn = cgutils.get_or_insert_function(builder.module, ir.FunctionType(_V8I32, [_V16I16, _V16I16]),
                                            "llvm.x86.avx2.pmadd.wd")
        return lambda a, b: builder.call(fn, [a, b])
    even = ir.Constant(_V8I32, list(range(0, LANES, 2)))
    odd = ir.Constant(_V8I32, list(range(1, LANES, 2)))

    def generic(a, b):
        def half(lanes):
            return builder.mul(builder.sext(builder.shuffle_vector(a, a, lanes), _V8I32),
                               builder.sext(builder.shuffle_vector(b, b, lanes), _V8I32))
        return builder.add(half(even), half(odd))
    return generic


def block(rows: int, seqs: int, x86: bool):
    """An intrinsic ``block(w, i, z, b)``: the int32 dot products of w's rows i .. i+rows-1 with
    z's rows b .. b+seqs-1 over w's width (a multiple of 16; z at least as wide), as a tuple
    (row 0 with each sequence, then row 1, ...). No bounds are checked: the caller's loops keep
    within both arrays."""

    @intrinsic
    def madd_block(typingctx, w, i, z, b):
        if not (isinstance(w, types.Array) and w.dtype == types.int8 and w.ndim == 2
                and isinstance(z, types.Array) and z.dtype == types.int16 and z.ndim == 2):
            return None
        sig = types.UniTuple(types.int32, rows * seqs)(w, i, z, b)

        def codegen(context, builder, sig, args):
            intp = context.get_value_type(types.intp)

            def const(v):
                return ir.Constant(intp, v)

            wa = context.make_array(sig.args[0])(context, builder, args[0])
            za = context.make_array(sig.args[2])(context, builder, args[2])
            row = context.cast(builder, args[1], sig.args[1], types.intp)
            seq = context.cast(builder, args[3], sig.args[3], types.intp)
            w_stride = cgutils.unpack_tuple(builder, wa.strides, 2)[0]   # bytes
            z_stride = cgutils.unpack_tuple(builder, za.strides, 2)[0]
            width = cgutils.unpack_tuple(builder, wa.shape, 2)[1]
            w_base = builder.bitcast(wa.data, _I8.as_pointer())
            z_base = builder.bitcast(za.data, _I8.as_pointer())
            madd = _multiply_add(builder, x86)
            w_rows = [builder.mul(builder.add(row, const(r)), w_stride) for r in range(rows)]
            z_rows = [builder.mul(builder.add(seq, const(s)), z_stride) for s in range(seqs)]
            sums = [cgutils.alloca_once_value(builder, ir.Constant(_V8I32, None)) for _ in range(rows * seqs)]
            with cgutils.for_range_slice(builder, const(0), width, const(LANES), intp) as (j, _):
                zs = []
                for start in z_rows:
                    at = builder.gep(z_base, [builder.add(start, builder.mul(j, const(2)))])
                    zs.append(builder.load(builder.bitcast(at, _V16I16.as_pointer()), align=2))
                for r, start in enumerate(w_rows):
                    at = builder.gep(w_base, [builder.add(start, j)])
                    wv = builder.sext(builder.load(builder.bitcast(at, _V16I8.as_pointer()), align=1), _V16I16)
                    for s in range(seqs):
                        acc = sums[r * seqs + s]
                        builder.store(builder.add(builder.load(acc), madd(wv, zs[s])), acc)
            out = []
            for acc in sums:
                v = builder.load(acc)
                total = builder.extract_element(v, ir.Constant(_I32, 0))
                for e in range(1, 8):
                    total = builder.add(total, builder.extract_element(v, ir.Constant(_I32, e)))
                out.append(total)
            return context.make_tuple(builder, sig.return_type, out)

        return sig, codegen

    return madd_block
