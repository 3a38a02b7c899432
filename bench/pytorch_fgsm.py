#!/usr/bin/env python3
"""PyTorch CUDA reference for the bench (issue 8): the same MLPs as models/<id>/ (Maxout and
Dense layers rebuilt from model.json, weights read from weights.bin, so it is the same model),
timed on the same GPU as the tfjs WebGPU run:

  - one FGSM: gradient of the cross-entropy at one image, x + eps*sign(g) clipped to [0, 1],
    re-prediction, logits and image read back to the host;
  - FGSM + re-prediction of all 10,000 MNIST test images in one batch, classes read back;
  - a forward pass of 4,096 images.

Every timing ends with torch.cuda.synchronize() (the read-backs synchronise too). Writes
WorkloadResult rows (host 'pytorch') as JSON.

  python3 bench/pytorch_fgsm.py [--repo .] [--models mnist-maxout,mnist-softmax] [--out f.json]
  python3 bench/pytorch_fgsm.py --check-numpy   # no torch: checks the weights load (clean error)
"""
import argparse
import gzip
import json
import os
import statistics
import struct
import sys
import time

import numpy as np

FGSM_EPS = 0.1  # bench/lib/workloads.ts FGSM_EPS


def load_mnist_test(data_dir):
    with gzip.open(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")) as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, "not an IDX image file"
        images = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, h * w)
    with gzip.open(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")) as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 0x801, "not an IDX label file"
        labels = np.frombuffer(f.read(), dtype=np.uint8)
    return images.astype(np.float32) / 255.0, labels.astype(np.int64)


def load_layers(model_dir):
    """[(kind, config, [arrays])] in order, from a tfjs layers model.json + weights.bin."""
    with open(os.path.join(model_dir, "model.json")) as f:
        model = json.load(f)
    topology = model["modelTopology"]
    config = topology.get("model_config", topology)["config"]
    layer_list = config["layers"] if isinstance(config, dict) else config
    weights = {}
    for group in model["weightsManifest"]:
        blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            assert spec.get("dtype", "float32") == "float32" and "quantization" not in spec
            count = int(np.prod(spec["shape"])) if spec["shape"] else 1
            weights[spec["name"]] = np.frombuffer(blob, np.float32, count, offset).reshape(spec["shape"])
            offset += 4 * count
    layers = []
    for layer in layer_list:
        kind, cfg = layer["class_name"], layer["config"]
        if kind == "InputLayer":
            continue
        if kind not in ("Maxout", "Dense", "Dropout"):
            raise SystemExit(f"pytorch_fgsm.py: layer {kind} is not supported (MLPs only)")
        arrays = [] if kind == "Dropout" else [weights[f"{cfg['name']}/kernel"], weights[f"{cfg['name']}/bias"]]
        layers.append((kind, cfg, arrays))
    return layers


def numpy_forward(layers, x):
    for kind, cfg, arrays in layers:
        if kind == "Dropout":
            continue
        z = x @ arrays[0] + arrays[1]
        if kind == "Maxout":
            x = z.reshape(len(z), cfg["units"], cfg["pieces"]).max(axis=2)
        else:
            act = cfg.get("activation", "linear")
            x = np.maximum(z, 0) if act == "relu" else z if act == "linear" else None
            if x is None:
                raise SystemExit(f"activation {act} not supported")
    return x


def summary(samples):
    return {"runs": len(samples), "median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("--models", default="mnist-maxout,mnist-softmax")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--out")
    parser.add_argument("--check-numpy", action="store_true")
    args = parser.parse_args()
    images, labels = load_mnist_test(os.path.join(args.repo, "data", "mnist"))

    if args.check_numpy:
        for model_id in args.models.split(","):
            layers = load_layers(os.path.join(args.repo, "models", model_id))
            error = float((numpy_forward(layers, images).argmax(1) != labels).mean())
            print(f"{model_id}: clean test error {100 * error:.2f}% (numpy forward)")
        return

    import torch
    import torch.nn.functional as F

    if not torch.cuda.is_available():
        raise SystemExit("pytorch_fgsm.py: CUDA is not available")
    dev = torch.device("cuda")
    torch.backends.cuda.matmul.allow_tf32 = False  # float32 products, as tfjs WebGPU does
    results = []
    gpu = torch.cuda.get_device_name(0)
    for model_id in args.models.split(","):
        layers = load_layers(os.path.join(args.repo, "models", model_id))
        params = [(k, c, [torch.tensor(a.copy(), device=dev) for a in arrs]) for k, c, arrs in layers]

        def logits(x):
            for kind, cfg, (w, b) in ((k, c, a) for k, c, a in params if k != "Dropout"):
                z = torch.addmm(b, x, w)
                if kind == "Maxout":
                    x = z.view(-1, cfg["units"], cfg["pieces"]).amax(dim=2)
                else:
                    x = torch.relu(z) if cfg.get("activation") == "relu" else z
            return x

        def fgsm(x, y):
            x = x.clone().requires_grad_(True)
            loss = F.cross_entropy(logits(x), y, reduction="sum")
            (g,) = torch.autograd.grad(loss, x)
            with torch.no_grad():
                adv = torch.clamp(x + FGSM_EPS * torch.sign(g), 0, 1)
                return adv, logits(adv)

        x_all = torch.tensor(images, device=dev)
        y_all = torch.tensor(labels, device=dev)
        x1, y1 = x_all[:1], y_all[:1]

        def one_fgsm():
            adv, z = fgsm(x1, y1)
            return adv.cpu(), torch.softmax(z, 1).cpu(), z.cpu()

        def batch_fgsm():
            adv, z = fgsm(x_all, y_all)
            return z.argmax(1).cpu()

        def forward_4096():
            with torch.no_grad():
                return logits(x_all[:4096]).cpu()

        def timed(fn, repeats):
            for _ in range(5):
                fn()
            torch.cuda.synchronize()
            samples = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn()
                torch.cuda.synchronize()
                samples.append(1000 * (time.perf_counter() - t0))
            return samples

        with torch.no_grad():
            clean_error = float((logits(x_all).argmax(1) != y_all).float().mean())
        adv_error = float((batch_fgsm().to(dev) != y_all).float().mean())
        base = {"model": model_id, "host": "pytorch", "backend": f"cuda ({gpu})"}
        results.append({**base, "workload": "fgsm", "ms": summary(timed(one_fgsm, args.repeats))})
        results.append({
            **base,
            "workload": "fgsm-batch",
            "ms": summary(timed(batch_fgsm, args.repeats)),
            "note": f"10,000 images in one batch: FGSM eps {FGSM_EPS} + re-predict; "
            f"clean error {100 * clean_error:.2f}%, FGSM error {100 * adv_error:.2f}%",
        })
        results.append({**base, "workload": "forward4096", "ms": summary(timed(forward_4096, args.repeats))})
        for r in results[-3:]:
            print(f"pytorch {model_id} {r['workload']}: median {r['ms']['median']:.3f} ms", file=sys.stderr)
    report = {"torch": torch.__version__, "gpu": gpu, "results": results}
    text = json.dumps(report, indent=1)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
