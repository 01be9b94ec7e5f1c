#!/usr/bin/env python3
"""Prints which top-level packages of src/main/java/io/glass2glass use which (files per arrow).
PackageLayeringTest enforces the allowed arrows; this shows them."""
import collections, os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'src/main/java/io/glass2glass')
edges = collections.defaultdict(lambda: collections.defaultdict(set))
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith('.java'):
            path = os.path.join(d, f)
            src = os.path.relpath(path, root).split(os.sep)[0]
            for m in re.finditer(r'\bio\.glass2glass\.([a-z0-9_]+)\.', open(path).read()):
                if m.group(1) != src:
                    edges[src][m.group(1)].add(path)
for src in sorted(edges):
    print(f"{src:9} -> " + ', '.join(f"{t}({len(v)})" for t, v in sorted(edges[src].items())))
