#!/usr/bin/python3
"""Dump the distinct security descriptors of a provisioned Samba AD domain, as Samba reads them.

Usage: samba-descriptors.py PROVISION_DIR > descriptors.jsonl

Each output line is one distinct descriptor:
  {"source": "object"|"defaultSecurityDescriptor", "dn": ..., "base64": ..., "sddl": ...}
where base64 is the binary form (for objects: the stored nTSecurityDescriptor with owner, group,
DACL and SACL; for schema defaults: Samba's encoding of the SDDL) and sddl is what Samba's own
decoder makes of those bytes (ndr_unpack(...).as_sddl(domain_sid)). wbaudit's tests read every
line and require its parser to agree with Samba's.
"""
import base64
import json
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB


def main(target):
    lp = LoadParm()
    lp.load(target + "/etc/smb.conf")
    samdb = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
    domain_sid = security.dom_sid(samdb.get_domain_sid())
    seen = set()
    rows = []

    def emit(source, dn, raw):
        if raw in seen:
            return
        seen.add(raw)
        sd = ndr_unpack(security.descriptor, raw)
        rows.append({
            "source": source,
            "dn": dn,
            "base64": base64.b64encode(raw).decode("ascii"),
            "sddl": sd.as_sddl(domain_sid),
        })

    for base in (samdb.domain_dn(), samdb.get_config_basedn(), samdb.get_schema_basedn()):
        res = samdb.search(base=base, scope=ldb.SCOPE_SUBTREE, expression="(objectClass=*)",
                           attrs=["nTSecurityDescriptor", "defaultSecurityDescriptor"],
                           controls=["sd_flags:1:15"])
        # Users first, so that tests wanting "a user's descriptor" find one at the top.
        for msg in sorted(res, key=lambda m: (not str(m.dn).startswith("CN=Administrator,CN=Users"),
                                              str(m.dn))):
            if "nTSecurityDescriptor" in msg:
                emit("object", str(msg.dn), bytes(msg["nTSecurityDescriptor"][0]))
            if "defaultSecurityDescriptor" in msg:
                text = str(msg["defaultSecurityDescriptor"][0])
                try:
                    packed = ndr_pack(security.descriptor.from_sddl(text, domain_sid))
                except TypeError:
                    # Samba's own reader refuses a few of its schema defaults; nothing to compare.
                    print("samba cannot parse %s: %s" % (msg.dn, text), file=sys.stderr)
                    continue
                emit("defaultSecurityDescriptor", str(msg.dn), packed)

    print(json.dumps({"domainSid": str(domain_sid), "count": len(rows)}))
    for row in rows:
        print(json.dumps(row, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1])
