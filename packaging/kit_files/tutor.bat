@echo off
rem Start the tutor installed on this PC (copied into the app folder by the installer).
setlocal
chcp 65001 >nul
set "APP=%~dp0"
if exist "%APP%current" goto found
set "APP=%LOCALAPPDATA%\tutor-app\"
if defined TUTOR_APP_DIR set "APP=%TUTOR_APP_DIR%\"
:found
if not exist "%APP%current" (
    echo The tutor is not installed on this PC yet: run install.bat from the USB kit.
    pause
    exit /b 1
)
set /p CUR=<"%APP%current"
"%APP%envs\%CUR%\Scripts\tutor.exe" %*
exit /b %ERRORLEVEL%
