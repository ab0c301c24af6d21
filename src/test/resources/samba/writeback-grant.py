#!/usr/bin/python3
"""Sets up, grants and takes back the writeback rights of a connector on an OU.

Usage: writeback-grant.py PROVISION_DIR setup OU_NAME PASSWORD   -> {"ou": dn, "users": [dn, dn]}
       writeback-grant.py PROVISION_DIR add|remove OU_DN SID
add puts the three inheritable writeback ACEs (Reset Password, lockoutTime, pwdLastSet on user
objects) on the OU; remove takes exactly those out again and fails if any is missing. The DC
itself re-propagates the OU's inheritable ACEs to the users below.
"""
import json
import re
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

target, op = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
USER = "bf967aba-0de6-11d0-a285-00aa003049e2"
RIGHTS = [("CR", "00299570-246d-11d0-a768-00aa006e0529"),
          ("RPWP", "28630ebf-41d5-11d1-a9c1-0000f80367c1"),
          ("RPWP", "bf967a0a-0de6-11d0-a285-00aa003049e2")]

if op == "setup":
    name, password = sys.argv[3:5]
    ou = "OU=%s,%s" % (name, base)
    db.create_ou(ou)
    users = []
    for u in ("%s-1" % name.lower(), "%s-2" % name.lower()):
        db.newuser(u, password, userou="OU=" + name)
        users.append("CN=%s,%s" % (u, ou))
    print(json.dumps({"ou": ou, "users": users}))
    sys.exit(0)

dn, sid = sys.argv[3:5]
wanted = ["(OA;CIIO;%s;%s;%s;%s)" % (r, g, USER, sid) for r, g in RIGHTS]
res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"], controls=["sd_flags:1:4"])
text = ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0]).as_sddl(dsid)
head = text[:text.index("(")]
explicit = [a for a in re.findall(r"\([^)]*\)", text) if "ID" not in a[1:-1].split(";")[1]]
if op == "add":
    explicit += wanted
elif op == "remove":
    lower = [a.lower() for a in explicit]
    for w in wanted:
        if w.lower() not in lower:
            sys.exit("not on %s: %s (has %s)" % (dn, w, explicit))
    explicit = [a for a in explicit if a.lower() not in [w.lower() for w in wanted]]
else:
    sys.exit("unknown operation " + op)
m = ldb.Message()
m.dn = ldb.Dn(db, dn)
sd = security.descriptor.from_sddl(head + "".join(explicit), dsid)
m["nTSecurityDescriptor"] = ldb.MessageElement(ndr_pack(sd), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
db.modify(m, controls=["sd_flags:1:4"])
print(json.dumps({op: wanted}))
