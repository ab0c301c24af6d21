#!/usr/bin/python3
"""Exports a Samba AD domain as the LDIF the embedded demo directory serves.

Usage: demo-directory.py PROVISION_DIR SYNC_SAMACCOUNTNAME > src/main/resources/demo/corp.ldif

Run it on a domain built by src/test/resources/samba/layout.py (the live-audit tests' layout):
run the tests with WBAUDIT_KEEP_DC=1 so the provisioned folder (/tmp/wbaudit-samba-*) stays.
Descriptors are exported as the sync account reads them (owner, group, DACL: SD flags 7),
byte for byte as Samba stores them. What the in-memory server cannot compute is stored instead:
tokenGroups of the sync account, msDS-User-Account-Control-Computed, and objectCategory in its
short form. A user whose descriptor the sync account may not read is exported without one.
"""
import base64
import re
import sys

import ldb
from samba.auth import system_session
from samba.dcerpc import security
from samba.ndr import ndr_unpack
from samba.param import LoadParm
from samba.samdb import SamDB

target, sync_name = sys.argv[1:3]
lp = LoadParm()
lp.load(target + "/etc/smb.conf")
db = SamDB(url=target + "/private/sam.ldb", session_info=system_session(), lp=lp)
base = str(db.domain_dn())
dsid = security.dom_sid(db.get_domain_sid())
schema_dn = str(db.get_schema_basedn())
config_dn = str(db.get_config_basedn())
guids_in_use = set()
out = sys.stdout


def value_line(name, value):
    if isinstance(value, bytes):
        try:
            text = value.decode("ascii")
            safe = text and all(32 <= ord(c) < 127 for c in text) and not text.startswith((" ", ":", "<"))
        except UnicodeDecodeError:
            safe = False
        if not safe:
            return "%s:: %s" % (name, base64.b64encode(value).decode("ascii"))
        value = text
    return "%s: %s" % (name, value)


def emit(dn, attrs):
    out.write("dn: %s\n" % dn)
    for name, values in attrs:
        for v in values:
            out.write(value_line(name, v) + "\n")
    out.write("\n")


def get(msg, name):
    return [bytes(v) for v in msg[name]] if name in msg else []


def search(basedn, expr, attrs, scope=ldb.SCOPE_SUBTREE):
    return db.search(base=basedn, scope=scope, expression=expr, attrs=attrs,
                     controls=["sd_flags:1:7"])


def remember_guids(sd_bytes):
    sddl = ndr_unpack(security.descriptor, sd_bytes).as_sddl(dsid)
    guids_in_use.update(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", sddl))


sync_dn = str(db.search(base=base, expression="(sAMAccountName=%s)" % sync_name, attrs=[])[0].dn)
unreadable = set()
# What the sync account may not read: users whose DACL denies it READ_CONTROL.
sync_sid = str(ndr_unpack(security.dom_sid, db.search(base=sync_dn, scope=ldb.SCOPE_BASE, attrs=["objectSid"])[0]["objectSid"][0]))

dom = search(base, "(objectClass=*)", ["objectClass", "objectSid", "nTSecurityDescriptor", "minPwdAge",
             "pwdHistoryLength", "minPwdLength", "pwdProperties", "lockoutThreshold"], ldb.SCOPE_BASE)[0]
remember_guids(get(dom, "nTSecurityDescriptor")[0])
emit(base, [(n, get(dom, n)) for n in ("objectClass", "objectSid", "nTSecurityDescriptor", "minPwdAge",
            "pwdHistoryLength", "minPwdLength", "pwdProperties", "lockoutThreshold")])

for c in search(base, "(|(objectClass=organizationalUnit)(objectClass=container)(objectClass=builtinDomain))",
                ["objectClass"]):
    if str(c.dn).lower() == base.lower() or "cn=system" in str(c.dn).lower():
        continue
    emit(str(c.dn), [("objectClass", get(c, "objectClass"))])

for g in search(base, "(objectClass=group)", ["objectClass", "objectSid", "sAMAccountName", "member", "memberOf"]):
    emit(str(g.dn), [(n, get(g, n)) for n in ("objectClass", "objectSid", "sAMAccountName", "member", "memberOf")])

for fsp in search(base, "(objectClass=foreignSecurityPrincipal)", ["objectClass", "objectSid"]):
    emit(str(fsp.dn), [(n, get(fsp, n)) for n in ("objectClass", "objectSid")])

user_attrs = ["objectClass", "objectGUID", "objectSid", "userAccountControl", "adminCount",
              "lockoutTime", "msDS-User-Account-Control-Computed", "nTSecurityDescriptor",
              "userPrincipalName", "sAMAccountName", "memberOf", "primaryGroupID",
              "isCriticalSystemObject"]
for u in search(base, "(&(objectCategory=person)(objectClass=user))", user_attrs):
    attrs = [(n, get(u, n)) for n in user_attrs]
    sd = get(u, "nTSecurityDescriptor")
    if sd:
        remember_guids(sd[0])
        text = ndr_unpack(security.descriptor, sd[0]).as_sddl(dsid)
        if "(D;;RC;;;%s)" % sync_sid in text:
            attrs = [(n, v) for n, v in attrs if n != "nTSecurityDescriptor"]
    attrs.append(("objectCategory", [b"person"]))
    if str(u.dn).lower() == sync_dn.lower():
        tg = db.search(base=sync_dn, scope=ldb.SCOPE_BASE, attrs=["tokenGroups"])[0]
        attrs.append(("tokenGroups", get(tg, "tokenGroups")))
    emit(str(u.dn), attrs)

emit("CN=Configuration," + base, [("objectClass", [b"top", b"configuration"])])
emit(schema_dn, [("objectClass", [b"top", b"dMD"])])
for s in db.search(base=schema_dn, scope=ldb.SCOPE_ONELEVEL,
                   expression="(|(objectClass=classSchema)(objectClass=attributeSchema))",
                   attrs=["objectClass", "lDAPDisplayName", "schemaIDGUID"]):
    guid = str(ndr_unpack(__import__("samba.dcerpc.misc", fromlist=["GUID"]).GUID, get(s, "schemaIDGUID")[0]))
    is_class = b"classSchema" in get(s, "objectClass")
    if is_class or guid in guids_in_use:
        emit(str(s.dn), [(n, get(s, n)) for n in ("objectClass", "lDAPDisplayName", "schemaIDGUID")])
rights = "CN=Extended-Rights," + config_dn
emit(rights, [("objectClass", [b"top", b"container"])])
for r in db.search(base=rights, scope=ldb.SCOPE_ONELEVEL, expression="(objectClass=controlAccessRight)",
                   attrs=["objectClass", "rightsGuid", "displayName", "cn"]):
    if str(r["rightsGuid"][0]).lower() in guids_in_use:
        emit(str(r.dn), [(n, get(r, n)) for n in ("objectClass", "rightsGuid", "displayName", "cn")])
