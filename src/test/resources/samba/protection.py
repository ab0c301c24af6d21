#!/usr/bin/python3
"""Plants AdminSDHolder cases in a test domain (Samba runs no SDProp, so adminCount is set here).

Usage: protection.py PROVISION_DIR PASSWORD [HEURISTICS]
- pend1: member of G-Inner, a member of G-Middle, a member of Account Operators; no adminCount;
- stale1: adminCount=1, in no group;
- da1: a direct member of Domain Admins, adminCount=1;
- plain1: nothing of the kind.
With HEURISTICS, only sets dSHeuristics to it (and prints nothing else).
Prints one JSON object with the users' DNs.
"""
import json
import sys

import ldb
from samba.auth import system_session
from samba.param import LoadParm
from samba.samdb import SamDB

target, password = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())


def set_attr(dn, attr, value):
    m = ldb.Message()
    m.dn = ldb.Dn(db, dn)
    m[attr] = ldb.MessageElement(value, ldb.FLAG_MOD_REPLACE, attr)
    db.modify(m)


if len(sys.argv) > 3:
    config = str(db.get_config_basedn())
    ds = "CN=Directory Service,CN=Windows NT,CN=Services," + config
    if sys.argv[3]:
        set_attr(ds, "dSHeuristics", sys.argv[3])
    else:  # back to the default: no dSHeuristics at all
        m = ldb.Message()
        m.dn = ldb.Dn(db, ds)
        m["dSHeuristics"] = ldb.MessageElement([], ldb.FLAG_MOD_DELETE, "dSHeuristics")
        try:
            db.modify(m)
        except ldb.LdbError:
            pass  # already unset
    print(json.dumps({"dSHeuristics": sys.argv[3]}))
    sys.exit(0)

out = {}
for name in ("pend1", "stale1", "da1", "plain1"):
    db.newuser(name, password)
    out[name] = "CN=%s,CN=Users,%s" % (name, base)
for g in ("G-Inner", "G-Middle"):
    db.newgroup(g)
db.add_remove_group_members("G-Inner", ["pend1"], add_members_operation=True)
db.add_remove_group_members("G-Middle", ["G-Inner"], add_members_operation=True)
db.add_remove_group_members("Account Operators", ["G-Middle"], add_members_operation=True)
db.add_remove_group_members("Domain Admins", ["da1"], add_members_operation=True)
set_attr(out["stale1"], "adminCount", "1")
set_attr(out["da1"], "adminCount", "1")

# Connector accounts for the health checks: one in Domain Admins, one with WRITE_DAC on the
# users of OU=Dac, one that must change its password at next logon, and a clean one.
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
import re
dsid = security.dom_sid(db.get_domain_sid())
for name in ("conn-da", "conn-dac", "conn-exp", "conn-clean"):
    db.newuser(name, password)
    out[name] = "CN=%s,CN=Users,%s" % (name, base)
db.add_remove_group_members("Domain Admins", ["conn-da"], add_members_operation=True)
dac_ou = "OU=Dac," + base
db.create_ou(dac_ou)
db.newuser("dac1", password, userou="OU=Dac")
out["dac1"] = "CN=dac1," + dac_ou
res = db.search(base=out["conn-dac"], scope=ldb.SCOPE_BASE, attrs=["objectSid"])
dac_sid = str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))
res = db.search(base=dac_ou, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"], controls=["sd_flags:1:4"])
text = ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0]).as_sddl(dsid)
head = text[:text.index("(")]
aces = "".join(a for a in re.findall(r"\([^)]*\)", text) if "ID" not in a[1:-1].split(";")[1])
m = ldb.Message()
m.dn = ldb.Dn(db, dac_ou)
sd = security.descriptor.from_sddl(head + "(OA;CIIO;WD;;bf967aba-0de6-11d0-a285-00aa003049e2;%s)" % dac_sid + aces, dsid)
m["nTSecurityDescriptor"] = ldb.MessageElement(ndr_pack(sd), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
db.modify(m, controls=["sd_flags:1:4"])
set_attr(out["conn-exp"], "pwdLastSet", "0")
print(json.dumps(out))
