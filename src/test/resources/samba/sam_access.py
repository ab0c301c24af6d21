#!/usr/bin/python3
"""Changes, and puts back, what writeback's SAM calls need of a domain, for the tests.

Usage: sam_access.py PROVISION_DIR ACTION [SDDL]
  strip-server       removes the grants to Authenticated Users, Pre-Windows 2000 Compatible
                     Access and Everyone from CN=Server,CN=System; prints the DACL it replaced
  set-server SDDL    puts that DACL back
  remove-au          takes Authenticated Users out of Pre-Windows 2000 Compatible Access
  add-au             puts it back
"""
import re
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

target, action = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
server = "CN=Server,CN=System," + base


def dacl(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"], controls=["sd_flags:1:4"])
    return ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0]).as_sddl(dsid)


def set_dacl(dn, sddl):
    m = ldb.Message()
    m.dn = ldb.Dn(db, dn)
    m["nTSecurityDescriptor"] = ldb.MessageElement(
        ndr_pack(security.descriptor.from_sddl(sddl, dsid)), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
    db.modify(m, controls=["sd_flags:1:4"])


def membership(flag):
    m = ldb.Message()
    m.dn = ldb.Dn(db, "CN=Pre-Windows 2000 Compatible Access,CN=Builtin," + base)
    m["member"] = ldb.MessageElement("CN=S-1-5-11,CN=ForeignSecurityPrincipals," + base, flag, "member")
    db.modify(m)


if action == "strip-server":
    before = dacl(server)
    set_dacl(server, re.sub(r"\((A|OA);[^)]*;(AU|RU|WD)\)", "", before))
    print(before)
elif action == "set-server":
    set_dacl(server, sys.argv[3])
elif action == "remove-au":
    membership(ldb.FLAG_MOD_DELETE)
elif action == "add-au":
    membership(ldb.FLAG_MOD_ADD)
else:
    sys.exit("unknown action " + action)
