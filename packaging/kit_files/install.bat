@echo off
rem Install or update the tutor from this USB kit (Windows). No network is used.
setlocal
chcp 65001 >nul
set "KIT=%~dp0"
set "PY="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>nul && set "PY=py -3"
if not defined PY python -c "import sys; sys.exit(sys.version_info < (3, 10))" >nul 2>nul && set "PY=python"
if not defined PY (
    echo No Python 3.10 or newer on this PC. Use the standalone build, see install.md.
    pause
    exit /b 1
)
%PY% "%KIT%install_kit.py" %*
set "RC=%ERRORLEVEL%"
pause
exit /b %RC%
