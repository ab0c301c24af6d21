#!/usr/bin/python3
"""Let Samba judge wbaudit's SDDL writer.

Rows whose bytes Samba cannot round-trip through its own SDDL are counted as "unjudged".

Reads JSON lines {"sddl": <wbaudit's SDDL>, "base64": <the original binary>} on stdin, after a
first line {"domainSid": ...}. For each, Samba reads wbaudit's SDDL and decodes the original
bytes; both are written back by Samba's own writer and must be equal. Prints one JSON line per
disagreement and exits 1 if there was any, 0 otherwise.
"""
import base64
import json
import os
import sys

from samba.dcerpc import security
from samba.ndr import ndr_unpack


def main():
    head = json.loads(sys.stdin.readline())
    domain = security.dom_sid(head["domainSid"])
    checked = bad = unjudged = 0
    for line in sys.stdin:
        row = json.loads(line)
        original = ndr_unpack(security.descriptor, base64.b64decode(row["base64"])).as_sddl(domain)
        try:
            security.descriptor.from_sddl(original, domain)
        except TypeError:
            # Samba cannot read its own SDDL for these bytes (4.17 refuses, e.g., "D:AIS:"), so
            # it cannot judge ours either.
            unjudged += 1
            continue
        checked += 1
        try:
            ours = security.descriptor.from_sddl(row["sddl"], domain).as_sddl(domain)
        except TypeError as e:
            ours = "Samba cannot read it: %s" % e
        if ours != original:
            bad += 1
            print(json.dumps({"ours": row["sddl"], "sambaReadsOursAs": ours, "original": original}))
    print(json.dumps({"checked": checked, "unjudged": unjudged, "disagreements": bad}))
    sys.stdout.flush()
    # os._exit: Samba 4.17's bindings can crash while the interpreter tears down after a
    # refused SDDL string; the verdict is already written.
    os._exit(1 if bad else 0)


if __name__ == "__main__":
    main()
