# Sphinx configuration of the cxone.cxone docs site, built by `make docs` into .build/docs/html:
#
#   .build/docs/rst/index.rst          <- docs/site/index.rst
#   .build/docs/rst/collection/        <- antsibull-docs collection (the plugins' and roles' own docs)
#   .build/docs/rst/guides/index.rst   <- docs/site/guides.rst
#   .build/docs/rst/guides/*.md        <- docs/*.md (MyST markdown)
#
# Based on what `antsibull-docs sphinx-init --use-current cxone.cxone` writes, made to build
# offline: no intersphinx download; references to the Ansible docs are turned into links.

from __future__ import annotations

import re

from docutils import nodes

project = "cxone.cxone"
copyright = "cxone.cxone contributors"  # noqa: A001 (Sphinx setting)
title = "cxone.cxone documentation"
html_short_title = "cxone.cxone"
html_title = "cxone.cxone documentation"

extensions = ["sphinx_antsibull_ext", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

pygments_style = "ansible"
highlight_language = "YAML+Jinja"

html_theme = "sphinx_ansible_theme"
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
html_theme_options = {"collapse_navigation": False}

default_role = "any"
nitpicky = True
# A guide's code block in a language Pygments does not know (cron) or that is not quite
# YAML is shown as plain text: not worth failing the build for.
suppress_warnings = ["misc.highlighting_failure"]

myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

REPOSITORY = "https://github.com/cxone-ansible/cxone.cxone/blob/main/"
ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"

# Labels and environment variables of the Ansible docs that the generated plugin pages
# refer to. Without network access there is no intersphinx inventory, so they are
# resolved here; any other unresolved reference still fails the build (-W, nitpicky).
ANSIBLE_LABELS = {
    "common_return_values": "reference_appendices/common_return_values.html",
    "callback_plugins": "plugins/callback.html",
    "ansible_configuration_settings": "reference_appendices/config.html",
    "ansible_collections.ansible.builtin.default_callback": "collections/ansible/builtin/default_callback.html",
}
ANSIBLE_ENVVARS = {
    "ANSIBLE_CALLBACKS_ENABLED": "reference_appendices/config.html#envvar-ANSIBLE_CALLBACKS_ENABLED",
}


def _ansible_reference(app, env, node, contnode):
    target = node.get("reftarget", "")
    reftype = node.get("reftype")
    path = ANSIBLE_ENVVARS.get(target) if reftype == "envvar" else ANSIBLE_LABELS.get(target)
    if path is None:
        return None
    ref = nodes.reference("", "", internal=False, refuri=ANSIBLE_DOCS + path)
    ref.append(contnode)
    return ref


# Markdown guides live in docs/ of the repository; their links to other files of the
# repository (../playbooks/x.yml, ../README.md) go to the repository on GitHub.
_REPO_LINK = re.compile(r"\]\(\.\./(?!docs/)([^)\s]+)\)")


def _adjust_sources(app, docname, source):
    if docname.startswith("guides/"):
        source[0] = _REPO_LINK.sub(lambda m: "](%s%s)" % (REPOSITORY, m.group(1)), source[0])
    elif docname == "collection/index":
        # antsibull-docs titles the collection index "Cxone.Cxone".
        source[0] = source[0].replace("\nCxone.Cxone\n===========\n", "\nCollection reference\n====================\n", 1)


def setup(app):
    app.connect("missing-reference", _ansible_reference)
    app.connect("source-read", _adjust_sources)
