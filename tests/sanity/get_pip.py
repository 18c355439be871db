"""Stand-in for pypa's get-pip.py, which ansible-test downloads from a host this
machine cannot reach. It installs pip from the interpreter's own ensurepip, then
runs ``pip install`` with the arguments ansible-test passes (its get-pip-only
flags dropped). ``get_pip.py --install-for-ansible-test`` (run by ``make sanity``)
copies it to where ansible-test looks for its cached download."""

import ensurepip
import importlib
import os
import re
import shutil
import sys


def install_for_ansible_test():
    import ansible_test  # pylint: disable=import-outside-toplevel

    source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
    with open(source, encoding="utf-8") as handle:
        version = re.search(r"pip='([0-9.]+)'", handle.read()).group(1)
    cache = os.path.expanduser("~/.ansible/test/cache")
    os.makedirs(cache, exist_ok=True)
    shutil.copy(__file__, os.path.join(cache, "get_pip_%s.py" % version.replace(".", "_")))


def bootstrap(args):
    saved_environ = dict(os.environ)
    ensurepip.bootstrap(upgrade=True)  # it blanks pip's config and PIP_* variables; put them back
    os.environ.clear()
    os.environ.update(saved_environ)
    importlib.invalidate_caches()
    from pip._internal.cli.main import main as pip_main  # pylint: disable=import-outside-toplevel

    return pip_main(["install"] + [a for a in args if a not in ("--no-setuptools", "--no-wheel")])


if __name__ == "__main__":
    if sys.argv[1:] == ["--install-for-ansible-test"]:
        install_for_ansible_test()
        sys.exit(0)
    sys.exit(bootstrap(sys.argv[1:]))
