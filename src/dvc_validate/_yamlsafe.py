"""YAML without "billion laughs": the node tree is measured before it is built.

``yaml.safe_load`` runs no code, but aliases let a small file describe a huge
structure: a 220 KB rule pack whose aliases repeat a 20,000-item list 20,000
times is 400 million items once validated (over 6.8 GB). PyYAML builds each
anchored node once and shares it, so the blow-up comes later, in whatever walks
the data. So the composed node graph (which is as small as the file) is
measured first, counting every alias as the nodes it stands for, and a file
that stands for more than ``max_nodes`` nodes, or whose aliases form a cycle,
is refused before anything is built.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["MAX_NODES", "YamlTooLarge", "expanded_size", "load_limited"]

#: The built-in rule pack is about 2,000 nodes; a report model some thousands.
MAX_NODES = 200_000

# libyaml's loader, when PyYAML was built with it, is ~8x faster than the pure-Python one
_FastLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlTooLarge(Exception):
    """The YAML stands for more nodes than allowed, or for an endless structure."""

    def __init__(self, size: int, limit: int, cyclic: bool = False) -> None:
        super().__init__(f"{size} nodes (limit {limit})" if not cyclic else "recursive alias")
        self.size = size
        self.limit = limit
        self.cyclic = cyclic


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def expanded_size(root: yaml.Node, limit: int = MAX_NODES) -> int:
    """The nodes ``root`` stands for with every alias expanded, counted up to
    ``limit + 1`` in time linear in the graph; :class:`YamlTooLarge` on a cycle.

    Iterative, so a deeply nested file cannot exhaust the interpreter's stack.
    """
    size: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            open_nodes.discard(key)
            size[key] = min(1 + sum(size[id(c)] for c in _children(node)), limit + 1)
            continue
        if key in size:
            continue
        if key in open_nodes:  # reached again from inside itself: an endless structure
            raise YamlTooLarge(0, limit, cyclic=True)
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in size)
    return size[id(root)]


def load_limited(text: str, max_nodes: int = MAX_NODES) -> tuple[Any, yaml.Node | None]:
    """``yaml.safe_load(text)`` and its node tree, refused (:class:`YamlTooLarge`)
    when the aliases expand past ``max_nodes``. Syntax errors are raised as
    PyYAML raises them, with the pure-Python loader's marks and wording."""
    try:
        node = _compose(_FastLoader, text)
    except yaml.YAMLError:
        if _FastLoader is yaml.SafeLoader:
            raise
        node = _compose(yaml.SafeLoader, text)  # the same error, in the usual words
    if node is None:
        return None, None
    n = expanded_size(node, max_nodes)
    if n > max_nodes:
        raise YamlTooLarge(n, max_nodes)
    loader = _FastLoader("")
    try:
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def _compose(loader_class: Any, text: str) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()
