#!/usr/bin/env python3
"""PyTorch CUDA reference for the bench (issue 8): the same models as models/<id>/ (Maxout,
Dense, and the conv net's Conv2D, BatchNormalization, ReLU, MaxPooling2D and Flatten layers
rebuilt from model.json, weights read from weights.bin, so it is the same model), each on its
manifest's test set (MNIST / Fashion-MNIST IDX files, CIFAR-10 test.bin.gz), timed on the same
GPU as the tfjs WebGPU run:

  - one FGSM: gradient of the cross-entropy at one image, x + eps*sign(g) clipped to [0, 1],
    re-prediction, logits and image read back to the host;
  - FGSM + re-prediction of the test images in one batch (all 10,000 for MLPs; 1,000 evenly
    spread for conv nets, as bench/lib/cuts.ts), classes read back;
  - a forward pass of 4,096 images.

Every timing ends with torch.cuda.synchronize() (the read-backs synchronise too). Writes
WorkloadResult rows (host 'pytorch') as JSON.

  python3 bench/pytorch_fgsm.py [--repo .] [--models mnist-maxout,mnist-softmax] [--out f.json]
  python3 bench/pytorch_fgsm.py --check-numpy   # no torch: checks the weights load (clean error)
  python3 bench/pytorch_fgsm.py --device cpu --repeats 2   # the torch path without a GPU

Images are NHWC as in tfjs; the conv layers run NCHW inside logits() and Flatten goes back to
NHWC order first, so the Dense weights after it apply unchanged.
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


def load_idx_test(data_dir):
    with gzip.open(os.path.join(data_dir, "t10k-images-idx3-ubyte.gz")) as f:
        magic, n, h, w = struct.unpack(">IIII", f.read(16))
        assert magic == 0x803, "not an IDX image file"
        images = np.frombuffer(f.read(), dtype=np.uint8).reshape(n, h, w, 1)
    with gzip.open(os.path.join(data_dir, "t10k-labels-idx1-ubyte.gz")) as f:
        magic, n = struct.unpack(">II", f.read(8))
        assert magic == 0x801, "not an IDX label file"
        labels = np.frombuffer(f.read(), dtype=np.uint8)
    return images, labels


def load_cifar_test(data_dir):
    """Records of 1 label byte + R, G, B planes (32x32 each, row-major) -> NHWC."""
    with gzip.open(os.path.join(data_dir, "test.bin.gz")) as f:
        raw = np.frombuffer(f.read(), dtype=np.uint8)
    assert raw.size % 3073 == 0, "not CIFAR-10 binary records"
    records = raw.reshape(-1, 3073)
    return records[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), records[:, 0]


def load_test_set(repo, dataset):
    """[n, h, w, c] float32 in [0, 1] and int64 labels of a bundled dataset's test split."""
    data_dir = os.path.join(repo, "data", dataset)
    images, labels = load_cifar_test(data_dir) if dataset == "cifar10" else load_idx_test(data_dir)
    return images.astype(np.float32) / 255.0, labels.astype(np.int64)


def manifest_of(repo, model_id):
    with open(os.path.join(repo, "models", "index.json")) as f:
        models = json.load(f)["models"]
    found = [m for m in models if m["id"] == model_id]
    if not found:
        raise SystemExit(f"pytorch_fgsm.py: model {model_id} is not in models/index.json")
    return found[0]


def spread(n, count):
    """Evenly spread indices (bench/lib/cuts.ts spreadIndices): CIFAR-10 is sorted by class."""
    k = min(n, count)
    return (np.arange(k) * n) // k


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
        if kind in ("InputLayer", "Dropout"):
            continue
        if kind not in LAYER_WEIGHTS:
            raise SystemExit(f"pytorch_fgsm.py: layer {kind} is not supported")
        check_config(kind, cfg)
        names = LAYER_WEIGHTS[kind](cfg)
        layers.append((kind, cfg, [weights[f"{cfg['name']}/{n}"] for n in names]))
    return layers


def _optional(cfg, flag, name):
    return [name] if cfg.get(flag, True) else []


# the weights each supported layer owns, in the order numpy_forward and logits() take them
LAYER_WEIGHTS = {
    "Maxout": lambda c: ["kernel", "bias"],
    "Dense": lambda c: ["kernel"] + _optional(c, "use_bias", "bias"),
    "Conv2D": lambda c: ["kernel"] + _optional(c, "use_bias", "bias"),
    "BatchNormalization": lambda c: _optional(c, "scale", "gamma")
    + _optional(c, "center", "beta")
    + ["moving_mean", "moving_variance"],
    "ReLU": lambda c: [],
    "MaxPooling2D": lambda c: [],
    "Flatten": lambda c: [],
}


def check_config(kind, cfg):
    """Refuses what the rebuild below does not do (it would silently give another model)."""
    ok = cfg.get("data_format", "channels_last") == "channels_last"
    if kind == "Conv2D":
        ok = ok and list(cfg["strides"]) == [1, 1] and list(cfg.get("dilation_rate", [1, 1])) == [1, 1]
        ok = ok and cfg["padding"] in ("same", "valid") and cfg.get("activation", "linear") in ("linear", "relu")
    if kind == "MaxPooling2D":
        ok = ok and cfg["padding"] == "valid" and list(cfg["strides"] or cfg["pool_size"]) == list(cfg["pool_size"])
    if kind == "BatchNormalization":
        ok = ok and cfg.get("axis", -1) in (-1, 3, [-1], [3])
    if kind == "ReLU":
        ok = ok and not cfg.get("max_value") and not cfg.get("negative_slope") and not cfg.get("threshold")
    if not ok:
        raise SystemExit(f"pytorch_fgsm.py: {kind} {cfg.get('name')}: configuration not supported")


def bn_parts(cfg, arrays):
    """gamma, beta, mean, variance of a BatchNormalization layer (gamma 1 / beta 0 when absent)."""
    it = iter(arrays)
    gamma = next(it) if cfg.get("scale", True) else None
    beta = next(it) if cfg.get("center", True) else None
    mean, var = next(it), next(it)
    gamma = np.ones_like(mean) if gamma is None else gamma
    beta = np.zeros_like(mean) if beta is None else beta
    return gamma, beta, mean, var


def activate(x, cfg):
    act = cfg.get("activation", "linear")
    if act not in ("relu", "linear"):
        raise SystemExit(f"activation {act} not supported")
    return np.maximum(x, 0) if act == "relu" else x


def numpy_conv(x, kernel, padding):
    """NHWC convolution, stride 1, by sliding windows (kernel [kh, kw, in, out])."""
    kh, kw = kernel.shape[:2]
    if padding == "same":
        top, left = (kh - 1) // 2, (kw - 1) // 2
        x = np.pad(x, ((0, 0), (top, kh - 1 - top), (left, kw - 1 - left), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(1, 2))
    return np.tensordot(windows, kernel, axes=((3, 4, 5), (2, 0, 1)))


def numpy_forward(layers, x):
    """Logits of NHWC images (MLPs flatten them first)."""
    for kind, cfg, arrays in layers:
        if kind in ("Maxout", "Dense"):
            x = x.reshape(len(x), -1)
            z = x @ arrays[0] + (arrays[1] if len(arrays) > 1 else 0)
            x = z.reshape(len(z), cfg["units"], cfg["pieces"]).max(axis=2) if kind == "Maxout" else activate(z, cfg)
        elif kind == "Conv2D":
            z = numpy_conv(x, arrays[0], cfg["padding"])
            x = activate(z + (arrays[1] if len(arrays) > 1 else 0), cfg)
        elif kind == "BatchNormalization":
            gamma, beta, mean, var = bn_parts(cfg, arrays)
            x = (x - mean) / np.sqrt(var + cfg.get("epsilon", 1e-3)) * gamma + beta
        elif kind == "ReLU":
            x = np.maximum(x, 0)
        elif kind == "MaxPooling2D":
            ph, pw = cfg["pool_size"]
            n, h, w, c = x.shape
            x = x[:, : h // ph * ph, : w // pw * pw].reshape(n, h // ph, ph, w // pw, pw, c).max(axis=(2, 4))
        elif kind == "Flatten":
            x = x.reshape(len(x), -1)
    return x


def numpy_predict(layers, images, chunk=250):
    """Predicted classes, a chunk at a time (a conv net's sliding windows are large)."""
    return np.concatenate([numpy_forward(layers, images[i : i + chunk]).argmax(1) for i in range(0, len(images), chunk)])


def summary(samples):
    return {"runs": len(samples), "median": statistics.median(samples), "min": min(samples), "max": max(samples)}


def torch_logits(layers, dev):
    """logits(x) of NHWC images on `dev`, the layers as torch ops (conv layers NCHW)."""
    import torch
    import torch.nn.functional as F

    def t(a):
        return torch.tensor(np.ascontiguousarray(a), device=dev)

    ops = []
    for kind, cfg, arrays in layers:
        relu = cfg.get("activation") == "relu"
        if kind in ("Maxout", "Dense"):
            w, b = t(arrays[0]), t(arrays[1]) if len(arrays) > 1 else None

            def dense(x, w=w, b=b, cfg=cfg, kind=kind, relu=relu):
                x = x.reshape(len(x), -1) if x.dim() != 2 else x
                z = x @ w if b is None else torch.addmm(b, x, w)
                if kind == "Maxout":
                    return z.view(-1, cfg["units"], cfg["pieces"]).amax(dim=2)
                return torch.relu(z) if relu else z

            ops.append(dense)
        elif kind == "Conv2D":
            w = t(arrays[0].transpose(3, 2, 0, 1))  # [kh, kw, in, out] -> [out, in, kh, kw]
            b = t(arrays[1]) if len(arrays) > 1 else None
            ops.append(lambda x, w=w, b=b, p=cfg["padding"], relu=relu: (torch.relu if relu else (lambda z: z))(
                F.conv2d(x, w, b, padding=p)))
        elif kind == "BatchNormalization":
            gamma, beta, mean, var = (t(a) for a in bn_parts(cfg, arrays))
            eps = cfg.get("epsilon", 1e-3)
            ops.append(lambda x, g=gamma, b=beta, m=mean, v=var, e=eps: F.batch_norm(x, m, v, g, b, False, 0.0, e))
        elif kind == "ReLU":
            ops.append(torch.relu)
        elif kind == "MaxPooling2D":
            ops.append(lambda x, k=tuple(cfg["pool_size"]): F.max_pool2d(x, k, k))
        elif kind == "Flatten":
            ops.append(lambda x: x.permute(0, 2, 3, 1).reshape(len(x), -1))  # NHWC order, as Keras
    conv = layers[0][0] == "Conv2D"

    def logits(x):
        x = x.permute(0, 3, 1, 2) if conv else x.reshape(len(x), -1)
        for op in ops:
            x = op(x)
        return x

    return logits


def check_numpy(args):
    for model_id in args.models.split(","):
        manifest = manifest_of(args.repo, model_id)
        images, labels = load_test_set(args.repo, manifest["dataset"])
        layers = load_layers(os.path.join(args.repo, "models", model_id))
        error = float((numpy_predict(layers, images) != labels).mean())
        print(f"{model_id}: clean test error {100 * error:.2f}% on {len(labels)} {manifest['dataset']} images (numpy forward)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    parser.add_argument("--models", default="mnist-maxout,mnist-softmax,cifar10-conv")
    parser.add_argument("--repeats", type=int, default=50)
    parser.add_argument("--out")
    parser.add_argument("--check-numpy", action="store_true")
    parser.add_argument("--device", default="cuda", help="cpu: checks the torch path without a GPU")
    args = parser.parse_args()

    if args.check_numpy:
        check_numpy(args)
        return

    import torch
    import torch.nn.functional as F

    cuda = args.device == "cuda"
    if cuda and not torch.cuda.is_available():
        raise SystemExit("pytorch_fgsm.py: CUDA is not available")
    dev = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False  # float32 products, as tfjs WebGPU does
    torch.backends.cudnn.allow_tf32 = False  # and float32 convolutions
    results = []
    gpu = torch.cuda.get_device_name(0) if cuda else "cpu"
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    for model_id in args.models.split(","):
        manifest = manifest_of(args.repo, model_id)
        images, labels = load_test_set(args.repo, manifest["dataset"])
        layers = load_layers(os.path.join(args.repo, "models", model_id))
        logits = torch_logits(layers, dev)

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
        # the conv net's one-batch FGSM takes 1,000 images, as the tfjs side (bench/lib/cuts.ts)
        picks = torch.tensor(spread(len(labels), 1000 if layers[0][0] == "Conv2D" else len(labels)), device=dev)
        x_batch, y_batch = x_all[picks], y_all[picks]

        def one_fgsm():
            adv, z = fgsm(x1, y1)
            return adv.cpu(), torch.softmax(z, 1).cpu(), z.cpu()

        def batch_fgsm():
            adv, z = fgsm(x_batch, y_batch)
            return z.argmax(1).cpu()

        def forward_4096():
            with torch.no_grad():
                return logits(x_all[:4096]).cpu()

        def timed(fn, repeats):
            for _ in range(5):
                fn()
            sync()
            samples = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn()
                sync()
                samples.append(1000 * (time.perf_counter() - t0))
            return samples

        with torch.no_grad():
            clean_error = float((logits(x_all).argmax(1) != y_all).float().mean())
        adv_error = float((batch_fgsm().to(dev) != y_batch).float().mean())
        base = {"model": model_id, "host": "pytorch", "backend": f"cuda ({gpu})" if cuda else "cpu"}
        results.append({**base, "workload": "fgsm", "ms": summary(timed(one_fgsm, args.repeats))})
        results.append({
            **base,
            "workload": "fgsm-batch",
            "ms": summary(timed(batch_fgsm, args.repeats)),
            "note": f"{len(y_batch):,} images in one batch: FGSM eps {FGSM_EPS} + re-predict; "
            f"clean error {100 * clean_error:.2f}% ({len(labels):,} images), FGSM error {100 * adv_error:.2f}%",
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
