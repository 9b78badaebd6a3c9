#!/usr/bin/env python3
"""Same-shape PyTorch reference for bench/tinylm.bench.ts: GRPO updates of the tiny-lm transformer.

The model and the update mirror server/src/training/tinylm/ op for op: token embedding, slot +
segment position embeddings, pre-LN blocks with separate q/k/v projections, causal softmax
attention written out (no fused kernel, like tfjs), ReLU MLP, final LN, untied head; loss =
token-mean of the clipped-ratio policy loss + kl_loss_coef * low_var_kl; global-norm clip 1.0;
Adam. The loss is read back (.item()) every --read-every steps, as the tfjs bench does.

  python3 bench/tinylm_reference.py --like tfjs-bench-output.txt   # shape from the tfjs bench
  python3 bench/tinylm_reference.py --layers 2 --d-model 128 --heads 4 --seq 32 --batch 64

Prints one line `TINYLM_REFERENCE {...}` with tokens/s (tokens = batch x seq per update).
"""
import argparse
import json
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--like', help='a file holding a `TINYLM_BENCH {...}` line: take the shape from it')
    p.add_argument('--layers', type=int, default=2)
    p.add_argument('--d-model', type=int, default=64)
    p.add_argument('--heads', type=int, default=4)
    p.add_argument('--mlp-ratio', type=int, default=4)
    p.add_argument('--seq', type=int, default=22)
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--vocab', type=int, default=16)
    p.add_argument('--steps', type=int, default=200)
    p.add_argument('--read-every', type=int, default=1)
    p.add_argument('--device', default=None, help='cuda (default when available) or cpu')
    a = p.parse_args()
    if a.like:
        with open(a.like) as f:
            line = next((l for l in f if l.startswith('TINYLM_BENCH ')), None)
        if line is None:
            sys.exit(f'{a.like}: no TINYLM_BENCH line (did the tfjs bench run?)')
        s = json.loads(line[len('TINYLM_BENCH '):])['shape']
        a.layers, a.d_model, a.heads, a.mlp_ratio, a.seq, a.batch = s['layers'], s['dModel'], s['heads'], s['mlpRatio'], s['seqLength'], s['batch']
    return a


def main():
    a = parse_args()
    try:
        import torch
        import torch.nn as nn
        import torch.nn.functional as F
    except ImportError as e:
        print(f'TINYLM_REFERENCE unavailable: PyTorch is not importable here ({e}); install torch to get the reference numbers')
        return 2
    device = a.device or ('cuda' if torch.cuda.is_available() else 'cpu')
    torch.manual_seed(1)
    d, H, T, B, V = a.d_model, a.heads, a.seq, a.batch, a.vocab
    dh = d // H

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
            self.q, self.k, self.v, self.proj = (nn.Linear(d, d) for _ in range(4))
            self.fc1, self.fc2 = nn.Linear(d, a.mlp_ratio * d), nn.Linear(a.mlp_ratio * d, d)

        def forward(self, x, mask):
            h = self.ln1(x)
            q = self.q(h).view(B, T, H, dh).transpose(1, 2)
            k = self.k(h).view(B, T, H, dh).transpose(1, 2)
            v = self.v(h).view(B, T, H, dh).transpose(1, 2)
            att = torch.softmax(q @ k.transpose(-1, -2) * (1 / dh ** 0.5) + mask, dim=-1)
            x = x + self.proj((att @ v).transpose(1, 2).reshape(B, T, d))
            return x + self.fc2(F.relu(self.fc1(self.ln2(x))))

    class TinyLm(nn.Module):
        def __init__(self):
            super().__init__()
            self.tok = nn.Embedding(V, d)
            self.slot = nn.Parameter(torch.randn(T, d) * 0.02)
            self.seg = nn.Parameter(torch.randn(1, d) * 0.02)
            self.blocks = nn.ModuleList(Block() for _ in range(a.layers))
            self.lnf, self.head = nn.LayerNorm(d), nn.Linear(d, V)
            self.register_buffer('mask', torch.full((T, T), -1e9).triu(1))

        def forward(self, tokens):
            x = self.tok(tokens) + self.slot + self.seg
            for b in self.blocks:
                x = b(x, self.mask)
            return self.head(self.lnf(x))

    model = TinyLm().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    tokens = torch.randint(0, V, (B, T), device=device)
    mask = torch.ones(B, T - 1, device=device)
    adv = torch.randn(B, 1, device=device)

    def token_logp():
        logp = torch.log_softmax(model(tokens)[:, :-1], dim=-1)
        return logp.gather(-1, tokens[:, 1:, None]).squeeze(-1) * mask

    with torch.no_grad():
        old = token_logp()
    ref = old

    def step():
        logp = token_logp()
        ratio = torch.exp(logp - old)
        pg = torch.maximum(-adv * ratio, -adv * ratio.clamp(0.8, 1.2))
        k = (ref - logp).clamp(-20, 20)
        kl = (torch.exp(k) - k - 1).clamp(-10, 10)
        loss = ((pg + 0.001 * kl) * mask).sum() / mask.sum()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss

    sync = torch.cuda.synchronize if device == 'cuda' else (lambda: None)
    for _ in range(5):
        step().item()
    sync()
    t0 = time.perf_counter()
    for i in range(a.steps):
        loss = step()
        if (i + 1) % a.read_every == 0:
            loss.item()
    sync()
    seconds = time.perf_counter() - t0
    name = torch.cuda.get_device_name() if device == 'cuda' else f'cpu, {torch.get_num_threads()} threads'
    out = {'framework': f'pytorch {torch.__version__} eager', 'device': name, 'steps': a.steps, 'seconds': seconds,
           'stepsPerSec': a.steps / seconds, 'tokensPerSec': a.steps * B * T / seconds,
           'shape': {'layers': a.layers, 'dModel': d, 'heads': H, 'mlpRatio': a.mlp_ratio, 'seqLength': T, 'batch': B, 'vocab': V}}
    print('TINYLM_REFERENCE ' + json.dumps(out))
    return 0


if __name__ == '__main__':
    sys.exit(main())
