#!/usr/bin/python3
"""Builds the delegation layout the live-audit tests audit, in a provisioned Samba AD domain.

Usage: layout.py PROVISION_DIR SYNC_PASSWORD USER_PASSWORD
Works on the local sam.ldb (as Samba's own tools do) while the DC runs. Prints one JSON object:
{"domainSid": ..., "base": ..., "sync": {"dn", "sid", "upn"}, "users": {name: dn}}.

Every case is named for what it exercises; what the DC actually decides is checked by the tests
themselves (they attempt each reset as the sync account), not assumed here.
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

RESET = "00299570-246d-11d0-a768-00aa006e0529"
CHANGE = "ab721a53-1e2f-11d0-9819-00aa0040529b"
LOCKOUT = "28630ebf-41d5-11d1-a9c1-0000f80367c1"
PWDLASTSET = "bf967a0a-0de6-11d0-a285-00aa003049e2"
USER = "bf967aba-0de6-11d0-a285-00aa003049e2"

target, sync_password, user_password = sys.argv[1:4]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
users = {}


def sid_of(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
    return str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))


def read_sd(dn, flags):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"],
                    controls=["sd_flags:1:%d" % flags])
    return ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0])


def write_sd(dn, sddl, flags):
    msg = ldb.Message()
    msg.dn = ldb.Dn(db, dn)
    sd = security.descriptor.from_sddl(sddl, dsid)
    msg["nTSecurityDescriptor"] = ldb.MessageElement(ndr_pack(sd), ldb.FLAG_MOD_REPLACE,
                                                     "nTSecurityDescriptor")
    db.modify(msg, controls=["sd_flags:1:%d" % flags])


def add_explicit_ace(dn, ace):
    """Puts ace first among the explicit ACEs; Samba re-stamps the inherited ones."""
    text = read_sd(dn, 4).as_sddl(dsid)
    aces = re.findall(r"\([^)]*\)", text)
    explicit = "".join(a for a in aces if "ID" not in flags_of(a))
    head = text[:text.index("(")] if "(" in text else text
    write_sd(dn, head + ace + explicit, 4)


def flags_of(ace):
    field = ace[1:-1].split(";")[1]
    return [field[i:i + 2] for i in range(0, len(field), 2)]


def set_dacl(dn, dacl):
    write_sd(dn, dacl, 4)


def ou(rdn):
    dn = rdn + "," + base
    db.create_ou(dn)
    return dn


def user(name, ou_rdn=None):
    db.newuser(name, user_password, userou=ou_rdn)
    dn = db.search(base=base, expression="(sAMAccountName=%s)" % name, attrs=[])[0].dn
    users[name] = str(dn)
    return str(dn)


# The sync account: a plain user, in a global group nested in another.
db.newuser("svc-sync", sync_password)
sync_dn = str(db.search(base=base, expression="(sAMAccountName=svc-sync)", attrs=[])[0].dn)
sync = sid_of(sync_dn)
db.newgroup("G-Helpdesk")
db.newgroup("G-Outer")
db.add_remove_group_members("G-Helpdesk", ["svc-sync"], add_members_operation=True)
db.add_remove_group_members("G-Outer", ["G-Helpdesk"], add_members_operation=True)
outer = sid_of(str(db.search(base=base, expression="(sAMAccountName=G-Outer)", attrs=[])[0].dn))

# Sales: what Microsoft's writeback cmdlet grants, inherited by user objects.
sales = ou("OU=Sales")
for right in ("(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, sync),
              "(OA;CIIO;WP;%s;%s;%s)" % (LOCKOUT, USER, sync),
              "(OA;CIIO;WP;%s;%s;%s)" % (PWDLASTSET, USER, sync)):
    add_explicit_ace(sales, right)
user("sales1", "OU=Sales")
user("sales2", "OU=Sales")
db.create_ou("OU=Region,OU=Sales," + base)
db.create_ou("OU=Deep,OU=Region,OU=Sales," + base)
user("sales-deep", "OU=Deep,OU=Region,OU=Sales")
# Inheritance disabled: a protected DACL without the OU's grant.
p = user("sales-protected", "OU=Sales")
set_dacl(p, "D:P(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;DA)(A;;RPWPCRCCDCLCLORCWOWDSDDTSW;;;SY)"
            "(A;;RPLCLORC;;;AU)(OA;;CR;%s;;WD)" % CHANGE)
# AdminSDHolder-protected: adminCount=1 and AdminSDHolder's DACL, protected, as SDProp leaves it.
a = user("sales-admin", "OU=Sales")
holder = read_sd("CN=AdminSDHolder,CN=System," + base, 4).as_sddl(dsid)
set_dacl(a, "D:P" + holder[holder.index("("):])
db.modify(ldb.Message.from_dict(db, {"dn": a, "adminCount": ldb.MessageElement("1", ldb.FLAG_MOD_REPLACE, "adminCount")}))
# Another class: the OU grant names the user class, so an inetOrgPerson does not inherit it.
inet = "CN=sales-inet,OU=Sales," + base
db.add({"dn": inet, "objectClass": "inetOrgPerson", "sAMAccountName": "sales-inet"})
db.setpassword("(sAMAccountName=sales-inet)", user_password)
db.modify(ldb.Message.from_dict(db, {"dn": inet, "userAccountControl": ldb.MessageElement("512", ldb.FLAG_MOD_REPLACE, "userAccountControl")}))
users["sales-inet"] = inet
# A computer in the OU: not a user, must not be audited.
db.add({"dn": "CN=SALESPC,OU=Sales," + base, "objectClass": "computer", "sAMAccountName": "SALESPC$"})

# Finance: granted to a group the account is in only through nesting.
fin = ou("OU=Finance")
add_explicit_ace(fin, "(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, outer))
user("fin1", "OU=Finance")

# Legal: no OU grant; explicit ACEs on users, each a trap for a naive checker.
ou("OU=Legal")
user("legal-none", "OU=Legal")
add_explicit_ace(user("legal-genericall", "OU=Legal"), "(A;;GA;;;%s)" % sync)
add_explicit_ace(user("legal-genericwrite", "OU=Legal"), "(A;;GW;;;%s)" % sync)
add_explicit_ace(user("legal-wp-on-reset", "OU=Legal"), "(OA;;WP;%s;;%s)" % (RESET, sync))
add_explicit_ace(user("legal-cr-all", "OU=Legal"), "(A;;CR;;;%s)" % sync)
add_explicit_ace(user("legal-ga-on-reset", "OU=Legal"), "(OA;;GA;%s;;%s)" % (RESET, sync))
add_explicit_ace(user("legal-self", "OU=Legal"), "(OA;;CR;%s;;PS)" % RESET)
add_explicit_ace(user("legal-io", "OU=Legal"), "(OA;CIIO;CR;%s;;%s)" % (RESET, sync))
owned = user("legal-owned", "OU=Legal")
write_sd(owned, "O:%s" % sync, 1)

# HR: the OU grant, with denies and account states on top.
hr = ou("OU=HR")
add_explicit_ace(hr, "(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, sync))
user("hr1", "OU=HR")
add_explicit_ace(user("hr-denied", "OU=HR"), "(OD;;CR;%s;;%s)" % (RESET, sync))
add_explicit_ace(user("hr-denied-via-group", "OU=HR"), "(OD;;CR;%s;;%s)" % (RESET, outer))
add_explicit_ace(user("hr-deny-change", "OU=HR"), "(OD;;CR;%s;;%s)" % (CHANGE, sync))
add_explicit_ace(user("hr-denied-generic", "OU=HR"), "(D;;CR;;;%s)" % sync)
d = user("hr-disabled", "OU=HR")
db.disable_account("(sAMAccountName=hr-disabled)")
user("hr-locked", "OU=HR")
add_explicit_ace(user("hr-unreadable", "OU=HR"), "(D;;RC;;;%s)" % sync)

print(json.dumps({"domainSid": str(dsid), "base": base,
                  "sync": {"dn": sync_dn, "sid": sync, "upn": "svc-sync@" + lp.get("realm").lower()},
                  "users": users}))
