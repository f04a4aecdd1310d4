#!/usr/bin/env python3
"""Why is something in a Native AOT executable? The shortest chain of dependencies from a root to it.

ILCompiler writes its dependency graph with -p:IlcGenerateDgmlFile=true (obj/<config>/<tfm>/<rid>/native/
<app>.scan.dgml.xml: the scanner's graph, with readable names and a reason on every edge).
  /usr/bin/python3 eng/size/dgml-why.py APP.scan.dgml.xml 'UnitsNet.UnitsNetSetup..cctor' [more targets...]
Each target is a substring of a node label; the first matching node (in graph order) is explained, others listed.
"""
import sys
import xml.etree.ElementTree as ET
from collections import deque

NS = "{http://schemas.microsoft.com/vs/2009/dgml}"


def load(path):
    labels, parents = {}, {}
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == NS + "Node":
            labels[element.get("Id")] = element.get("Label")
        elif element.tag == NS + "Link":
            parents.setdefault(element.get("Target"), []).append((element.get("Source"), element.get("Reason")))
        element.clear()
    return labels, parents


def chain(node, parents):
    """Breadth-first towards the roots: the shortest chain of 'needed by' edges."""
    seen, queue = {node: None}, deque([node])
    while queue:
        current = queue.popleft()
        if current not in parents:  # nothing depends on it: a root
            path = []
            while current is not None:
                path.append(current)
                current = seen[current][0] if seen[current] else None
            return path, seen
        for source, reason in parents[current]:
            if source not in seen:
                seen[source] = (current, reason)
                queue.append(source)
    return [node], seen


def main():
    labels, parents = load(sys.argv[1])
    for target in sys.argv[2:]:
        matches = [i for i, label in labels.items() if target in label]
        print(f"== {target}: {len(matches)} node(s)")
        for other in matches[1:6]:
            print(f"   also: {labels[other]}")
        if not matches:
            continue
        path, seen = chain(matches[0], parents)
        # path runs root ... target; print it as 'root -> ... -> target' with each edge's reason
        for depth, node in enumerate(reversed(path)):
            reason = seen[node][1] if seen.get(node) else "root"
            print(f"{'  ' * min(depth, 20)}{labels[node]}    [{reason}]")


if __name__ == "__main__":
    main()
