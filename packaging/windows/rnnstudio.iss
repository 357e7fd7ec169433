; Inno Setup script: installs the one-folder build with a Start-menu entry and
; associates .rnnstudio model files with the app.
;   iscc /DAppVersion=0.1.0 packaging\windows\rnnstudio.iss
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6B1B5E2E-4C1D-4E57-9D2B-52A7A0B3C0DE}
AppName=RNN Studio
AppVersion={#AppVersion}
AppPublisher=RNN Studio
DefaultDirName={autopf}\RNN Studio
DefaultGroupName=RNN Studio
UninstallDisplayIcon={app}\RNNStudio.exe
SetupIconFile=..\..\resources\icons\rnnstudio.ico
OutputDir=..\dist
OutputBaseFilename=RNNStudio-{#AppVersion}-windows-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
PrivilegesRequiredOverridesAllowed=dialog

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\RNNStudio\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\RNN Studio"; Filename: "{app}\RNNStudio.exe"
Name: "{group}\{cm:UninstallProgram,RNN Studio}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\RNN Studio"; Filename: "{app}\RNNStudio.exe"; Tasks: desktopicon

[Registry]
Root: HKA; Subkey: "Software\Classes\.rnnstudio"; ValueType: string; ValueName: ""; ValueData: "RNNStudio.Model"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\RNNStudio.Model"; ValueType: string; ValueName: ""; ValueData: "RNN Studio model"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\RNNStudio.Model\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\RNNStudio.exe,0"
Root: HKA; Subkey: "Software\Classes\RNNStudio.Model\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\RNNStudio.exe"" ""%1"""

[Run]
Filename: "{app}\RNNStudio.exe"; Description: "{cm:LaunchProgram,RNN Studio}"; Flags: nowait postinstall skipifsilent
