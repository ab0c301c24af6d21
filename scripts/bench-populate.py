#!/usr/bin/python3
"""Adds N users to a provisioned Samba AD domain, in batched transactions, for the benchmark.

Usage: bench-populate.py PROVISION_DIR N SYNC_PASSWORD
Creates OU=Bench with ten sub-OUs, a grant of Reset Password to svc-sync on the top OU
(inherited by users), svc-sync itself, and N users spread over the sub-OUs. Users are added
without passwords (so disabled), which keeps population to minutes.
"""
import sys

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

target, n, sync_password = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
db.newuser("svc-sync", sync_password)
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
sid = str(ndr_unpack(security.dom_sid, db.search(base=base, expression="(sAMAccountName=svc-sync)", attrs=["objectSid"])[0]["objectSid"][0]))
top = "OU=Bench," + base
db.create_ou(top)
res = db.search(base=top, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"], controls=["sd_flags:1:4"])
sd = ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0])
sddl = sd.as_sddl(security.dom_sid(db.get_domain_sid()))
grant = "(OA;CIIO;CR;00299570-246d-11d0-a768-00aa006e0529;bf967aba-0de6-11d0-a285-00aa003049e2;%s)" % sid
sddl = sddl[:sddl.index("(")] + grant + sddl[sddl.index("("):]
m = ldb.Message()
m.dn = ldb.Dn(db, top)
m["nTSecurityDescriptor"] = ldb.MessageElement(ndr_pack(security.descriptor.from_sddl(sddl, security.dom_sid(db.get_domain_sid()))), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
db.modify(m, controls=["sd_flags:1:4"])
for i in range(10):
    db.create_ou("OU=Team%d,%s" % (i, top))
batch = 1000
for start in range(0, n, batch):
    db.transaction_start()
    try:
        for i in range(start, min(n, start + batch)):
            db.add({"dn": "CN=bench%06d,OU=Team%d,%s" % (i, i % 10, top), "objectClass": "user",
                    "sAMAccountName": "bench%06d" % i,
                    "userPrincipalName": "bench%06d@%s" % (i, lp.get("realm").lower())})
        db.transaction_commit()
    except Exception:
        db.transaction_cancel()
        raise
    print("added %d" % min(n, start + batch), file=sys.stderr, flush=True)
