# Wrapper for the "wbaudit nightly" scheduled task (wbaudit-task.xml). Runs the audit as the task's
# account, keeps the history and the HTML report, and leaves a line in the Application log when
# the run fails (exit 2 and above); exit 1 (findings) is what the reports are for.
# The configuration names the sync account's password file (readable by the task's account only)
# and "history": "C:\\ProgramData\\wbaudit\\history", so each run is compared with the last.
param(
  [string]$Install = 'C:\Program Files\wbaudit',
  [string]$Config = 'C:\ProgramData\wbaudit\wbaudit.json',
  [string]$Reports = 'C:\ProgramData\wbaudit\reports'
)
$ErrorActionPreference = 'Stop'
$java = Join-Path $env:JAVA_HOME 'bin\java.exe'
$jar = Join-Path $Install 'wbaudit.jar'
$log = Join-Path $Reports 'last-run.log'
New-Item -ItemType Directory -Force -Path $Reports | Out-Null
& $java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar audit --config $Config --quiet `
    --format json,html --output-dir $Reports 2> $log
$code = $LASTEXITCODE
if ($code -ge 2) {
  if (-not [System.Diagnostics.EventLog]::SourceExists('wbaudit')) {
    # Registering a source needs an administrator once; without it the log file still tells.
    Write-Warning "wbaudit exited $code; see $log"
  } else {
    Write-EventLog -LogName Application -Source wbaudit -EventId 1000 -EntryType Error `
      -Message ("wbaudit exited $code: " + (Get-Content -Raw $log))
  }
}
exit $code
