@echo off
rem The installed hsdesk-cli.exe, run the way office staff's PCs run it: Windows paths with a drive
rem letter, backslashes, spaces and non-ASCII letters (%SMOKE%, set by .ci/windows/build), and
rem output redirected to files, which Windows writes in its ANSI code page unless hsdesk says
rem otherwise. Each step that fails ends the script with its own exit code ("if errorlevel",
rem not "||", which wine's cmd does not honour after a redirection).
setlocal
set CLI=%LOCALAPPDATA%\Programs\hsdesk\hsdesk-cli.exe
set DB=%SMOKE%\office records.db
if not exist "%CLI%" exit /b 10

"%CLI%" --version > "%SMOKE%\version.txt"
if errorlevel 1 exit /b 11
"%CLI%" --db "%DB%" init > "%SMOKE%\init.txt"
if errorlevel 1 exit /b 12
"%CLI%" --db "%DB%" demo > "%SMOKE%\demo.txt"
if errorlevel 1 exit /b 13
"%CLI%" --db "%DB%" check > "%SMOKE%\check.txt"
if errorlevel 1 exit /b 14
"%CLI%" --db "%DB%" status > "%SMOKE%\status.txt"
if errorlevel 1 exit /b 15
"%CLI%" --db "%DB%" status --json > "%SMOKE%\status.json"
if errorlevel 1 exit /b 16
"%CLI%" --db "%DB%" status | findstr /c:"Complaint" > nul
if errorlevel 1 exit /b 17
"%CLI%" --db "%DB%" policy show --version 3 > "%SMOKE%\policy draft.txt"
if errorlevel 1 exit /b 18

"%CLI%" --db "%DB%" export policy --out "%SMOKE%\policy.pdf"
if errorlevel 1 exit /b 20
"%CLI%" --db "%DB%" verify "%SMOKE%\policy.pdf" > "%SMOKE%\verify.txt"
if errorlevel 1 exit /b 21
"%CLI%" --db "%DB%" export consent-form --out "%SMOKE%\consent form.pdf"
if errorlevel 1 exit /b 22
"%CLI%" --db "%DB%" export induction-pack --outstanding --out "%SMOKE%\packs.pdf" > nul
if errorlevel 1 exit /b 23
"%CLI%" --db "%DB%" export review --quarter 2026Q3 --out "%SMOKE%\review.pdf"
if errorlevel 1 exit /b 24
"%CLI%" --db "%DB%" verify "%SMOKE%\review.pdf" > nul
if errorlevel 1 exit /b 25
for %%t in (consents content inductions reviews complaints connections) do (
  "%CLI%" --db "%DB%" export csv %%t --out "%SMOKE%\%%t.csv"
  if errorlevel 1 exit /b 26
)
"%CLI%" --db "%DB%" export csv content-log --from 01/01/2020 --to 31/12/2030 --out "%SMOKE%\log.csv"
if errorlevel 1 exit /b 27
echo demo> "%SMOKE%\sdm password.txt"
"%CLI%" --db "%DB%" export csv breaches --user sdm --password-file "%SMOKE%\sdm password.txt" --out "%SMOKE%\breaches.csv"
if errorlevel 1 exit /b 28

"%CLI%" --db "%DB%" backup --to "%SMOKE%\USB stick" > "%SMOKE%\backup.txt"
if errorlevel 1 exit /b 30
pushd "%SMOKE%\USB stick"
for %%b in (hsdesk-*.db) do set BACKUP=%%~fb
popd
"%CLI%" --db "%BACKUP%" check > nul
if errorlevel 1 exit /b 31
"%CLI%" --db "%DB%" restore "%BACKUP%" > "%SMOKE%\restore.txt"
if errorlevel 1 exit /b 32
"%CLI%" --db "%DB%" check > nul
if errorlevel 1 exit /b 33
exit /b 0
