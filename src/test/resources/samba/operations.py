#!/usr/bin/python3
"""Builds what the per-operation tests audit, in a provisioned Samba AD domain of their own.

Usage: operations.py PROVISION_DIR SYNC_PASSWORD USER_PASSWORD
Prints one JSON object: {"base", "sync": {"dn", "sid"}, "users": {name: dn}, "reserved": {rdn: dn}}.

OU=Ops gets the writeback grants for svc-ops (Reset Password, write lockoutTime and pwdLastSet on
descendant users, as Microsoft's cmdlet grants them); its users each exercise one operation's
requirement, and OUs below it carry each character Microsoft reserves in an OU path.
"""
import json
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

RESET = "00299570-246d-11d0-a768-00aa006e0529"
CHANGE = "ab721a53-1e2f-11d0-9819-00aa0040529b"
LOCKOUT = "28630ebf-41d5-11d1-a9c1-0000f80367c1"
PWDLASTSET = "bf967a0a-0de6-11d0-a285-00aa003049e2"
USER = "bf967aba-0de6-11d0-a285-00aa003049e2"
UAR = "4c164200-20c0-11d0-a768-00aa006e0529"

target, sync_password, user_password = sys.argv[1:4]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
users = {}
reserved = {}


def sid_of(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
    return str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))


def read_sd(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"],
                    controls=["sd_flags:1:4"])
    return ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0])


def write_dacl(dn, sddl):
    msg = ldb.Message()
    msg.dn = ldb.Dn(db, dn)
    msg["nTSecurityDescriptor"] = ldb.MessageElement(
        ndr_pack(security.descriptor.from_sddl(sddl, dsid)), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
    db.modify(msg, controls=["sd_flags:1:4"])


def add_first(dn, aces):
    text = read_sd(dn).as_sddl(dsid)
    head, acl = text[:text.index("(")], text[text.index("("):]
    write_dacl(dn, head + aces + acl)


def user(name, ou):
    db.newuser(name, user_password, userou=ou)
    dn = str(db.search(base=base, expression="(sAMAccountName=%s)" % name, attrs=[])[0].dn)
    users[name] = dn
    return dn


def replace(dn, attr, value):
    db.modify(ldb.Message.from_dict(db, {"dn": dn, attr: ldb.MessageElement(value, ldb.FLAG_MOD_REPLACE, attr)}))


db.newuser("svc-ops", sync_password)
sync_dn = str(db.search(base=base, expression="(sAMAccountName=svc-ops)", attrs=[])[0].dn)
sync = sid_of(sync_dn)

ops = "OU=Ops," + base
db.create_ou(ops)
add_first(ops, "(OA;CIIO;CR;%s;%s;%s)(OA;CIIO;WP;%s;%s;%s)(OA;CIIO;WP;%s;%s;%s)"
          % (RESET, USER, sync, LOCKOUT, USER, sync, PWDLASTSET, USER, sync))

user("ops-plain", "OU=Ops")
# "User cannot change password": deny Change Password to Everyone and SELF, first.
add_first(user("ops-cant-change", "OU=Ops"), "(OD;;CR;%s;;WD)(OD;;CR;%s;;PS)" % (CHANGE, CHANGE))
# adminCount=1 in no protected group (stale): an admin reset is refused, an unlock is not.
replace(user("ops-stale-admin", "OU=Ops"), "adminCount", "1")
# Password never expires (UF_NORMAL_ACCOUNT | UF_DONT_EXPIRE_PASSWD).
replace(user("ops-never-expires", "OU=Ops"), "userAccountControl", str(0x200 | 0x10000))
# The writeback rights from the OU, but svc-ops may not read the account restrictions (a deny
# first): the reads writeback's SAM calls make fail, though the user stays visible.
add_first(user("ops-noread", "OU=Ops"), "(OD;;RP;%s;;%s)" % (UAR, sync))

# An OU with an ordinary name writeback handles, then one per reserved character (each
# escaped as a DN writes it).
plain = "OU=R&D (EMEA)"
db.create_ou(plain + "," + ops)
user("ops-rnd", plain + ",OU=Ops")
names = {
    "comma": "OU=Sales\\, Inc", "plus": "OU=A\\+B", "quote": "OU=\\\"Q\\\"", "backslash": "OU=Back\\\\slash",
    "lt": "OU=L\\<t", "gt": "OU=G\\>t", "semicolon": "OU=Se\\;mi", "equals": "OU=E\\=q",
    "slash": "OU=Fwd/Slash", "hash": "OU=\\#Hash", "lead": "OU=\\ Lead", "trail": "OU=Trail\\ ",
    "lf": "OU=Line\\0AFeed", "cr": "OU=Car\\0DReturn",
}
for key, rdn in names.items():
    try:
        db.create_ou(rdn + "," + ops)
        dn = user("ops-" + key, rdn + ",OU=Ops")
        reserved[key] = {"ou": rdn + "," + ops, "user": dn}
    except Exception as e:
        reserved[key] = {"error": str(e)}

print(json.dumps({"base": base, "sync": {"dn": sync_dn, "sid": sync}, "users": users,
                  "reserved": reserved}))
