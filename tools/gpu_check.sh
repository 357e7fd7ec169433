#!/usr/bin/env bash
# On a machine with an NVIDIA GPU: the GPU-marked tests (CUDA training and resume in bf16 and
# fp32 for every cell and head, sampling, export, two processes over NCCL where there are two
# GPUs) and the engine bench on the GPU. Prints what it ran; the README's platform table takes
# the figures. Usage: tools/gpu_check.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-gpu-results}
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv | tee "$out/gpu.txt"
python -c "import torch; print('torch', torch.__version__, 'cuda', torch.version.cuda, 'bf16', torch.cuda.is_bf16_supported())" \
  | tee -a "$out/gpu.txt"
QT_QPA_PLATFORM=offscreen python -m pytest -q -p no:cacheprovider -m gpu -ra tests/test_gpu.py 2>&1 | tee "$out/tests.txt"
python bench/bench_engine.py --device cuda 2>&1 | tee "$out/bench_engine.json"
