"""Turns a sentence-transformers folder (safetensors) into the transformers.js layout that escograph loads.

Usage: npm run model:convert -- <source> [<dest>]
  <source>  a sentence-transformers model folder (config.json, model.safetensors, tokenizer, modules.json, ...)
  <dest>    the folder to write; a bare name goes under <data dir>/models (default: the source folder's name)

Writes <dest>/onnx/model.onnx (optimum's ONNX export of the transformer, fp32), <dest>/onnx/model_quantized.onnx
(onnxruntime's dynamic int8 quantization of it), the tokenizer and config files, and the sentence-transformers
files that tell escograph the pooling, normalization, prompts and sequence length. The folder's name becomes the
model's name in escograph (vector caches, ranker artifacts), so give a different model a different name.
Runs offline: nothing is fetched from a model hub. Set PYTHON to the interpreter that has the packages below.
"""

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

# Import name -> what to pip install when it is missing. optimum-onnx brings optimum, transformers and onnx, and
# its extra brings onnxruntime (the quantizer); torch runs the export.
PREREQUISITES = {
    "torch": "torch",
    "optimum.exporters.onnx": "optimum-onnx[onnxruntime]",
    "onnxruntime.quantization": "optimum-onnx[onnxruntime]",
}
# The modules escograph applies itself after the transformer; any other (Dense, LayerNorm, ...) would be lost.
SUPPORTED_MODULES = {"Transformer", "Pooling", "Normalize"}
# Sentence-transformers files copied as they are; escograph reads them to encode like sentence-transformers does.
SENTENCE_TRANSFORMERS_FILES = ["modules.json", "sentence_bert_config.json", "config_sentence_transformers.json"]
LICENSE_FILES = ["README.md", "LICENSE", "LICENSE.txt", "NOTICE"]


def fail(message: str) -> None:
    print(f"model:convert: {message}", file=sys.stderr)
    sys.exit(1)


def check_prerequisites() -> None:
    missing = []
    for module, package in PREREQUISITES.items():
        try:
            found = importlib.util.find_spec(module) is not None
        except ModuleNotFoundError:
            found = False
        if not found and package not in missing:
            missing.append(package)
    if missing:
        packages = " ".join(f'"{p}"' for p in missing)
        fail(f"{sys.executable} lacks {', '.join(missing)}: run\n  {sys.executable} -m pip install {packages}\n"
             "(PyPI's default torch wheel also installs CUDA libraries, about 3 GB; the CPU is all this needs), "
             "or set PYTHON to an interpreter that has them")


def modules_of(source: Path) -> list[dict]:
    """The model's module list; a folder without modules.json is a plain transformer (mean pooling assumed)."""
    path = source / "modules.json"
    if not path.exists():
        return []
    modules = json.loads(path.read_text())
    for module in modules:
        kind = module["type"].rsplit(".", 1)[-1]
        if kind not in SUPPORTED_MODULES:
            fail(f"{source} has a {kind} module ({module['path']}): only {', '.join(sorted(SUPPORTED_MODULES))} "
                 "are supported, since the ONNX export holds the transformer alone")
    return modules


def destination(source: Path, dest: str | None) -> Path:
    name = dest or source.name
    if os.sep in name:
        return Path(name).resolve()
    data_dir = Path(os.environ.get("ESCOGRAPH_DATA_DIR", "data")).resolve()
    return data_dir / "models" / name


def export(source: Path, out: Path) -> None:
    from optimum.exporters.onnx import main_export
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # feature-extraction of the bare transformer: the output is last_hidden_state, which escograph pools as the
    # model's 1_Pooling/config.json says (the transformers.js layout of Xenova's converted models).
    main_export(str(source), output=out / "onnx", task="feature-extraction", library_name="transformers",
                device="cpu", local_files_only=True, do_validation=True)
    onnx_dir = out / "onnx"
    for name in os.listdir(onnx_dir):
        if not name.startswith("model.onnx"):
            shutil.move(str(onnx_dir / name), str(out / name))
    # Dynamic quantization: int8 weights, activations quantized at run time; transformers.js loads it as dtype q8.
    # Per channel: all-MiniLM-L6-v2's sentence vectors keep cosine 0.990-0.996 with the fp32 model's, 0.94-0.98
    # with one scale per tensor.
    quantize_dynamic(str(onnx_dir / "model.onnx"), str(onnx_dir / "model_quantized.onnx"), per_channel=True,
                     weight_type=QuantType.QInt8, extra_options={"MatMulConstBOnly": True})


def copy_sentence_transformers_files(source: Path, out: Path, modules: list[dict]) -> None:
    for name in SENTENCE_TRANSFORMERS_FILES + LICENSE_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, out / name)
    for module in modules:
        if module["path"]:
            target = out / module["path"]
            target.mkdir(parents=True, exist_ok=True)
            if (source / module["path"]).is_dir():
                shutil.copytree(source / module["path"], target, dirs_exist_ok=True)


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--"]
    if len(args) not in (1, 2) or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        sys.exit(2 if len(args) not in (1, 2) else 0)
    source = Path(args[0]).resolve()
    if not (source / "config.json").exists():
        fail(f"{source} is not a model folder: it has no config.json")
    if not any((source / w).exists() for w in ("model.safetensors", "pytorch_model.bin")):
        fail(f"{source} has no weights (model.safetensors)")
    modules = modules_of(source)
    check_prerequisites()
    out = destination(source, args[1] if len(args) == 2 else None)
    # Written aside and renamed, so an interrupted conversion never leaves a folder that looks complete.
    partial = out.with_name(f"{out.name}.{os.getpid()}.tmp")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        export(source, partial)
        copy_sentence_transformers_files(source, partial, modules)
        shutil.rmtree(out, ignore_errors=True)
        partial.rename(out)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    sizes = ", ".join(f"{f.name} {f.stat().st_size / 1e6:.1f} MB" for f in sorted((out / "onnx").iterdir()))
    print(f"wrote {out} ({sizes}); use it with ESCOGRAPH_MODEL={out}")


if __name__ == "__main__":
    main()
