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
if "%~1"=="" (
  "%JAVA%" -Dorbit.home="%ORBIT_HOME%" -jar "%LAUNCHER%" -data "%ORBIT_HOME%\workbench"
) else if "%~1"=="workstation" (
  "%JAVA%" -Dorbit.home="%ORBIT_HOME%" -jar "%LAUNCHER%" -data "%ORBIT_HOME%\workbench"
) else (
  "%JAVA%" -Dorbit.home="%ORBIT_HOME%" -jar "%LAUNCHER%" -application orbit.app.cli %*
)
exit /b %ERRORLEVEL%
