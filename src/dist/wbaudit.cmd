@echo off
rem wbaudit launcher for Windows. The client compiler and the serial collector keep a short,
rem network-bound audit to about half the CPU and memory (BENCHMARKS.md);
rem WBAUDIT_JAVA_OPTS replaces them.
setlocal
set "JAR=%~dp0wbaudit.jar"
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
if not defined WBAUDIT_JAVA_OPTS set "WBAUDIT_JAVA_OPTS=-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
"%JAVA%" %WBAUDIT_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%
