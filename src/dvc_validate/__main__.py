"""``python -m dvc_validate``: the same CLI as the ``dvc-validate`` command."""

from .cli import run

if __name__ == "__main__":
    run()
