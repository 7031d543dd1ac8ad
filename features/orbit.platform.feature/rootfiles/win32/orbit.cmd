@echo off
rem ORBIT launcher for Windows: "orbit" opens the workstation, "orbit COMMAND ..." runs the
rem command line. Needs Java 21 or newer on JAVA_HOME or PATH.
setlocal
set "HERE=%~dp0"
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"
for %%L in ("%HERE%plugins\org.eclipse.equinox.launcher_*.jar") do set "LAUNCHER=%%~fL"
if not defined LAUNCHER (
  echo orbit: %HERE% is not a complete ORBIT installation ^(no launcher jar^). 1>&2
  exit /b 1
)
if not defined ORBIT_HOME set "ORBIT_HOME=%APPDATA%\ORBIT"
if not exist "%ORBIT_HOME%\logs" mkdir "%ORBIT_HOME%\logs" 2>nul
rem Each -D is quoted on its own: the data directory may contain spaces. The OSGi configuration,
rem instance and user areas live in the data directory: the install folder is only read.
set JVM="-Dorbit.home=%ORBIT_HOME%" "-Dorbit.log=%ORBIT_HOME%\logs\orbit.log" -Djdk.httpclient.bufsize=1048576 "-Djava.util.logging.config.file=%HERE%logging.properties" "-Declipse.p2.data.area=%HERE%p2"
set AREAS=-configuration "%ORBIT_HOME%\configuration" -data "%ORBIT_HOME%\workbench" -user "%ORBIT_HOME%\user"
if "%~1"=="" (
  "%JAVA%" %JVM% -jar "%LAUNCHER%" %AREAS%
) else if "%~1"=="workstation" (
  "%JAVA%" %JVM% -jar "%LAUNCHER%" %AREAS%
) else if "%~1"=="update" (
  rem 'update' runs at start level 5, where p2's framework admin starts (it rewrites bundles.info).
  "%JAVA%" %JVM% -Dosgi.startLevel=5 -jar "%LAUNCHER%" %AREAS% -application orbit.app.cli %*
) else if "%~1"=="plugins" (
  rem 'plugins' changes the installation's p2 profile as 'update' does: level 5 too.
  "%JAVA%" %JVM% -Dosgi.startLevel=5 -jar "%LAUNCHER%" %AREAS% -application orbit.app.cli %*
) else (
  rem The command line stops the framework at start level 4: the workstation's bundles (level 6) are not started.
  "%JAVA%" %JVM% -Dosgi.startLevel=4 -jar "%LAUNCHER%" %AREAS% -application orbit.app.cli %*
)
exit /b %ERRORLEVEL%
