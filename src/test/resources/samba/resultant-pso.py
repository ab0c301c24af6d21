#!/usr/bin/python3
"""Prints each user's msDS-ResultantPSO, read as the DC's system account: the oracle for which
password settings object applies to whom.

Usage: resultant-pso.py PROVISION_DIR DN [DN...]
       resultant-pso.py PROVISION_DIR --sid DN   (prints the object's SID)
Prints one JSON object {DN: PSO DN or null}.
"""
import json
import sys

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

target = sys.argv[1]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
if sys.argv[2] == "--sid":
    from samba.dcerpc import security
    from samba.ndr import ndr_unpack
    res = db.search(base=sys.argv[3], scope=ldb.SCOPE_BASE, attrs=["objectSid"])
    print(str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0])))
    sys.exit(0)
out = {}
for dn in sys.argv[2:]:
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["msDS-ResultantPSO"])
    v = res[0].get("msDS-ResultantPSO")
    out[dn] = str(v[0]) if v else None
print(json.dumps(out))
