#!/usr/bin/python3
"""Builds and then changes, at random, the domain the incremental-run tests audit.

Usage: incremental.py PROVISION_DIR setup USERS SYNC_PASSWORD
       incremental.py PROVISION_DIR change SEED COUNT

setup: OU=Inc with two levels of OUs below it, USERS users spread over them, svc-inc holding the
writeback grants on OU=Inc (inherited by every user below), ScopeGroup (the sync scope: most
users, directly), PsoGroup (a password settings object may come to apply to it), IncHelpers (a
group denied Reset Password on one OU: the sync account joining it changes its token). Prints
one JSON object: {"base", "sync", "scopeGroup"}.

change: COUNT changes drawn with SEED from what a nightly run meets: explicit ACEs added to and
removed from users, inheritable ACEs on OUs, users moved, renamed OUs, users deleted, created,
disabled and enabled, added to and removed from a protected group, the sync account joining or
leaving a group, a PSO created and users joining the group it applies to, the scope group
edited. Prints one JSON object: {"changes": [one line per change]}.
"""
import json
import random
import re
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_pack, ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

RESET = "00299570-246d-11d0-a768-00aa006e0529"
LOCKOUT = "28630ebf-41d5-11d1-a9c1-0000f80367c1"
PWDLASTSET = "bf967a0a-0de6-11d0-a285-00aa003049e2"
USER = "bf967aba-0de6-11d0-a285-00aa003049e2"
PASSWORD = "Inc!Passw0rd1"

target, command = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
top = "OU=Inc," + base


def one(expression, attrs=None):
    return db.search(base=base, expression=expression, attrs=attrs or [])[0]


def sid_of(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])
    return str(ndr_unpack(security.dom_sid, res[0]["objectSid"][0]))


def dacl_text(dn):
    res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["nTSecurityDescriptor"], controls=["sd_flags:1:4"])
    return ndr_unpack(security.descriptor, res[0]["nTSecurityDescriptor"][0]).as_sddl(dsid)


def write_dacl(dn, sddl):
    msg = ldb.Message()
    msg.dn = ldb.Dn(db, dn)
    msg["nTSecurityDescriptor"] = ldb.MessageElement(
        ndr_pack(security.descriptor.from_sddl(sddl, dsid)), ldb.FLAG_MOD_REPLACE, "nTSecurityDescriptor")
    db.modify(msg, controls=["sd_flags:1:4"])


def add_first(dn, aces):
    text = dacl_text(dn)
    head, acl = text[:text.index("(")], text[text.index("("):]
    write_dacl(dn, head + aces + acl)


def drop_explicit(dn, sid):
    """Removes the ACEs naming sid that are the object's own (not inherited)."""
    text = dacl_text(dn)
    head, acl = text[:text.index("(")], text[text.index("("):]
    kept = [a for a in re.findall(r"\([^)]*\)", acl) if not (a.endswith(";" + sid + ")") and "ID" not in a.split(";")[1])]
    write_dacl(dn, head + "".join(kept))


def modify(dn, attr, value, flag):
    db.modify(ldb.Message.from_dict(db, {"dn": dn, attr: ldb.MessageElement(value, flag, attr)}))


def new_user(name, ou):
    dn = "CN=%s,%s" % (name, ou)
    db.add({"dn": dn, "objectClass": "user", "sAMAccountName": name,
            "userPrincipalName": name + "@" + base.replace("DC=", "").replace(",", ".").lower(),
            "unicodePwd": ('"%s"' % PASSWORD).encode("utf-16-le"), "userAccountControl": "512"})
    return dn


def ous():
    return sorted(str(m.dn) for m in db.search(base=top, expression="(objectClass=organizationalUnit)", attrs=[]))


def users():
    return sorted(str(m.dn) for m in db.search(base=top, expression="(&(objectCategory=person)(objectClass=user))", attrs=[]))


def setup(count, sync_password):
    db.newuser("svc-inc", sync_password)
    sync = sid_of(str(one("(sAMAccountName=svc-inc)").dn))
    db.create_ou(top)
    add_first(top, "(OA;CIIO;CR;%s;%s;%s)(OA;CIIO;WP;%s;%s;%s)(OA;CIIO;WP;%s;%s;%s)"
              % (RESET, USER, sync, LOCKOUT, USER, sync, PWDLASTSET, USER, sync))
    leaves = []
    for a in ("East", "West", "North"):
        db.create_ou("OU=%s,%s" % (a, top))
        for b in ("Sales", "Ops"):
            db.create_ou("OU=%s,OU=%s,%s" % (b, a, top))
            leaves.append("OU=%s,OU=%s,%s" % (b, a, top))
    for g in ("ScopeGroup", "PsoGroup", "IncHelpers"):
        db.newgroup(g, groupou="OU=Inc")
    helpers = sid_of("CN=IncHelpers," + top)
    add_first(leaves[0], "(OD;CIIO;CR;%s;%s;%s)" % (RESET, USER, helpers))
    db.transaction_start()
    try:
        scoped = []
        for i in range(count):
            dn = new_user("inc%05d" % i, leaves[i % len(leaves)])
            if i % 10 < 7:
                scoped.append(dn)
        db.transaction_commit()
    except Exception:
        db.transaction_cancel()
        raise
    modify("CN=ScopeGroup," + top, "member", scoped, ldb.FLAG_MOD_ADD)
    print(json.dumps({"base": base, "sync": sync, "scopeGroup": "CN=ScopeGroup," + top}))


def change(seed, count):
    rnd = random.Random(seed)
    sync_dn = str(one("(sAMAccountName=svc-inc)").dn)
    sync = sid_of(sync_dn)
    done = []

    def user_ace():
        u = rnd.choice(users())
        ace = rnd.choice(["(OD;;CR;%s;;%s)" % (RESET, sync), "(OA;;WP;%s;;%s)" % (LOCKOUT, sync)])
        add_first(u, ace)
        return "explicit ACE %s on %s" % (ace, u)

    def user_ace_gone():
        u = rnd.choice(users())
        drop_explicit(u, sync)
        return "explicit ACEs for the sync account removed from %s" % u

    def ou_ace():
        o = rnd.choice(ous())
        ace = rnd.choice(["(OD;CIIO;CR;%s;%s;%s)" % (RESET, USER, sync), "(OA;CIIO;CR;%s;%s;%s)" % (RESET, USER, sync)])
        add_first(o, ace)
        return "inheritable ACE %s on %s" % (ace, o)

    def ou_ace_gone():
        o = rnd.choice([x for x in ous() if x != top])
        drop_explicit(o, sync)
        return "the sync account's own ACEs removed from %s" % o

    def move():
        u = rnd.choice(users())
        o = rnd.choice(ous())
        new = "CN=%s,%s" % (u.split(",")[0][3:], o)
        if new.lower() == u.lower():
            return "no move: %s already in %s" % (u, o)
        db.rename(ldb.Dn(db, u), ldb.Dn(db, new))
        return "moved %s to %s" % (u, o)

    def rename_ou():
        leaves = [o for o in ous() if o.count("OU=") == 3]
        o = rnd.choice(leaves)
        rdn = o.split(",")[0]
        new = "OU=%s%d,%s" % (rdn[3:].rstrip("0123456789"), rnd.randint(1, 999), o[len(rdn) + 1:])
        db.rename(ldb.Dn(db, o), ldb.Dn(db, new))
        return "renamed %s to %s" % (o, new)

    def delete():
        u = rnd.choice(users())
        db.delete(u)
        return "deleted %s" % u

    def create():
        name = "new%06d" % rnd.randint(0, 999999)
        if db.search(base=base, expression="(sAMAccountName=%s)" % name, attrs=[]):
            return "no new user: %s exists" % name
        dn = new_user(name, rnd.choice(ous()))
        if rnd.random() < 0.5:
            modify("CN=ScopeGroup," + top, "member", [dn], ldb.FLAG_MOD_ADD)
        return "created %s" % dn

    def disable():
        u = rnd.choice(users())
        uac = int(db.search(base=u, scope=ldb.SCOPE_BASE, attrs=["userAccountControl"])[0]["userAccountControl"][0])
        modify(u, "userAccountControl", str(uac ^ 2), ldb.FLAG_MOD_REPLACE)
        return "userAccountControl of %s: %d to %d" % (u, uac, uac ^ 2)

    def group_member(group, who, add):
        dn = "CN=%s,%s" % (group, top) if "=" not in group else group
        res = db.search(base=dn, scope=ldb.SCOPE_BASE, attrs=["member"])
        present = [str(m).lower() for m in res[0].get("member", [])]
        if add == (who.lower() in present):
            return False
        modify(dn, "member", [who], ldb.FLAG_MOD_ADD if add else ldb.FLAG_MOD_DELETE)
        return True

    def protected():
        group = "CN=Backup Operators,CN=Builtin," + base
        u = rnd.choice(users())
        add = rnd.random() < 0.6
        group_member(group, u, add)
        return "%s %s Backup Operators" % (u, "added to" if add else "removed from")

    def sync_group():
        add = rnd.random() < 0.5
        group_member("IncHelpers", sync_dn, add)
        return "the sync account %s IncHelpers" % ("joins" if add else "leaves")

    def pso():
        psos = db.search(base="CN=Password Settings Container,CN=System," + base,
                         expression="(objectClass=msDS-PasswordSettings)", attrs=[])
        if not psos:
            db.add({"dn": "CN=IncPso,CN=Password Settings Container,CN=System," + base,
                    "objectClass": "msDS-PasswordSettings",
                    "msDS-PasswordSettingsPrecedence": "10", "msDS-PasswordReversibleEncryptionEnabled": "FALSE",
                    "msDS-PasswordHistoryLength": "0", "msDS-PasswordComplexityEnabled": "FALSE",
                    "msDS-MinimumPasswordLength": "1", "msDS-MinimumPasswordAge": "-864000000000",
                    "msDS-MaximumPasswordAge": "-36288000000000", "msDS-LockoutThreshold": "0",
                    "msDS-LockoutObservationWindow": "-18000000000", "msDS-LockoutDuration": "-18000000000",
                    "msDS-PSOAppliesTo": "CN=PsoGroup," + top})
            return "PSO IncPso created, applying to PsoGroup"
        u = rnd.choice(users())
        add = rnd.random() < 0.7
        group_member("PsoGroup", u, add)
        return "%s %s PsoGroup" % (u, "joins" if add else "leaves")

    def scope():
        u = rnd.choice(users())
        add = rnd.random() < 0.5
        group_member("ScopeGroup", u, add)
        return "%s %s ScopeGroup" % (u, "joins" if add else "leaves")

    kinds = [user_ace, user_ace, user_ace_gone, ou_ace, ou_ace_gone, move, move, rename_ou, delete,
             create, disable, disable, protected, protected, sync_group, pso, pso, scope, scope]
    for _ in range(count):
        done.append(rnd.choice(kinds)())
    print(json.dumps({"changes": done}))


if command == "setup":
    setup(int(sys.argv[3]), sys.argv[4])
elif command == "change":
    change(int(sys.argv[3]), int(sys.argv[4]))
else:
    sys.exit("unknown command " + command)
