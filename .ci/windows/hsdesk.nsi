; The hsdesk installer for Windows: a per-user install (no administrator rights) of the folder
; PyInstaller builds from build.spec, with a Start-menu shortcut and an uninstaller that keeps the
; office's data (the database, its files and backups live in %LOCALAPPDATA%\Home-Start\hsdesk,
; not in the program's folder).
;
;   makensis -DVERSION=0.1.0 -DSOURCE=dist\hsdesk -DOUTFILE=hsdesk-setup-0.1.0.exe -DICON=hsdesk.ico hsdesk.nsi
;
; .ci/windows/build runs it on Linux (Debian's nsis) and installs the result silently under wine.

Unicode true
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor zlib  ; quick to build and to unpack; lzma would save about a fifth of the size

!ifndef VERSION | SOURCE | OUTFILE | ICON
  !error "Give -DVERSION=, -DSOURCE= (the PyInstaller folder), -DOUTFILE= and -DICON="
!endif

!define APP "hsdesk"
!define PUBLISHER "Home-Start Oldham Stockport & Tameside"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\hsdesk"

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\hsdesk"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PUBLISHER}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1033 "ProductName" "${APP}"
VIAddVersionKey /LANG=1033 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=1033 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=1033 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1033 "LegalCopyright" "GNU General Public License v3 or later"

!include "MUI2.nsh"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP} ${VERSION}, the social-media policy desk of ${PUBLISHER}, for you on this PC (no administrator rights are needed).$\r$\n$\r$\nThe office's records are not inside the program: installing a new version, or uninstalling, leaves them where they are."
!define MUI_FINISHPAGE_RUN "$INSTDIR\hsdesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Open ${APP} now"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "hsdesk" Main
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; A new version replaces the old program files; the data folder is never touched.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE}\*.*"
  WriteUninstaller "$INSTDIR\Uninstall hsdesk.exe"
  CreateShortcut "$SMPROGRAMS\hsdesk.lnk" "$INSTDIR\hsdesk.exe" "" "$INSTDIR\hsdesk.exe" 0 SW_SHOWNORMAL "" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\hsdesk.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall hsdesk.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall hsdesk.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  ; Only the program: the database, stored files, backups and logs in
  ; %LOCALAPPDATA%\Home-Start\hsdesk stay, as do window layouts (HKCU\Software\Home-Start)
  ; and the office server's saved connection.
  Delete "$SMPROGRAMS\hsdesk.lnk"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\hsdesk.exe"
  Delete "$INSTDIR\hsdesk-cli.exe"
  Delete "$INSTDIR\Uninstall hsdesk.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
