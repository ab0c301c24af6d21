package org.wbaudit.it;

/**
 * The anchor collisions of anchors.py, planted once per test run in both forests: CORP (the
 * shared layout's DC) and FABRIKAM (the second forest's DC, whose svc-sync it creates).
 */
final class AnchorLayout {
  private static boolean planted;

  private AnchorLayout() {}

  static synchronized void plant() {
    if (!planted) {
      Layout.shared().dc().python("samba/anchors.py", "corp", Layout.SYNC_PASSWORD, Layout.USER_PASSWORD);
      SambaDc.secondForest().python("samba/anchors.py", "fabrikam", Layout.SYNC_PASSWORD,
          Layout.USER_PASSWORD);
      planted = true;
    }
  }
}
