<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>pd::ContactDialog</name>
    <message>
        <source>New contact</source>
        <translation>Neuer Kontakt</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Kontakt bearbeiten</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>Enter the contact&apos;s name.</source>
        <translation>Geben Sie den Namen des Kontakts ein.</translation>
    </message>
    <message>
        <source>This is not an email address.</source>
        <translation>Das ist keine E-Mail-Adresse.</translation>
    </message>
</context>
<context>
    <name>pd::ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
</context>
<context>
    <name>pd::DemoBookCreator</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The demo book could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No temporary directory for the demo book: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the demo book…</source>
        <translation>Demo-Buch wird erzeugt …</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>The demo book is ready: %1 partners, %2 deal registrations.</source>
        <translation>Das Demo-Buch ist fertig: %1 Partner, %2 Deal-Registrierungen.</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>%1 wird importiert …</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pd::ImportWizard</name>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Pick the CSV file and what it holds.</source>
        <translation>Wählen Sie die CSV-Datei und was sie enthält.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>The encoding and delimiter were detected; change them if the preview looks wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map columns</source>
        <translation>Spalten zuordnen</translation>
    </message>
    <message>
        <source>Choose the column for each field (* required), constants and value maps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>The first rows as they will be imported. A dry run checks every row without writing anything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rows are written in one transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen …</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produkte</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Partner contacts</source>
        <translation>Partnerkontakte</translation>
    </message>
    <message>
        <source>End-customer accounts</source>
        <translation>Endkunden</translation>
    </message>
    <message>
        <source>Deal registrations</source>
        <translation>Deal-Registrierungen</translation>
    </message>
    <message>
        <source>No profile: columns are matched by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load profile…</source>
        <translation>Profil laden …</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV-Datei</translation>
    </message>
    <message>
        <source>The file holds</source>
        <translation>Die Datei enthält</translation>
    </message>
    <message>
        <source>Mapping profile</source>
        <translation>Zuordnungsprofil</translation>
    </message>
    <message>
        <source>Choose a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load mapping profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mapping profiles (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile “%1” (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <source>Semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Erkannt</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>Kodierung</translation>
    </message>
    <message>
        <source>Delimiter</source>
        <translation>Trennzeichen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>Konstante</translation>
    </message>
    <message>
        <source>Value map</source>
        <translation>Wertzuordnung</translation>
    </message>
    <message>
        <source>Value in the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value for the field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <source>Remove row</source>
        <translation>Zeile entfernen</translation>
    </message>
    <message>
        <source>Load from CSV…</source>
        <translation>Aus CSV laden …</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>gleich</translation>
    </message>
    <message>
        <source>Insert new rows only</source>
        <translation>Nur neue Zeilen einfügen</translation>
    </message>
    <message>
        <source>Insert new rows and update existing ones by key</source>
        <translation>Neue Zeilen einfügen und vorhandene über den Schlüssel aktualisieren</translation>
    </message>
    <message>
        <source>Skip invalid rows (import the valid ones and list the others)</source>
        <translation>Ungültige Zeilen überspringen (gültige importieren, die anderen auflisten)</translation>
    </message>
    <message>
        <source>Save profile…</source>
        <translation>Profil speichern …</translation>
    </message>
    <message>
        <source>Only rows where</source>
        <translation>Nur Zeilen, in denen</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>(nicht zugeordnet)</translation>
    </message>
    <message>
        <source>(every row)</source>
        <translation>(jede Zeile)</translation>
    </message>
    <message>
        <source>Load a value map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two-column CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map a column or give a constant for: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save mapping profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation>Probelauf</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Cancel import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft …</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import failed: %1. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: %1 rows read, %2 filtered out; %3 would be inserted, %4 updated, %5 invalid. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows read, %2 filtered out; %3 inserted, %4 updated, %5 invalid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written: %1 Fix the rows listed below, or choose “Skip invalid rows”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pd::MainWindow</name>
    <message>
        <source>PartnerDesk</source>
        <translation>PartnerDesk</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>Newer database</source>
        <translation>Neuere Datenbank</translation>
    </message>
    <message>
        <source>This database was written by a newer version of PartnerDesk and cannot be opened by this one.

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Datenbank öffnen</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>%1 — PartnerDesk</source>
        <translation>%1 — PartnerDesk</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>%1 &amp;rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>%1 &amp;wiederholen</translation>
    </message>
    <message>
        <source>Create demo book</source>
        <translation>Demo-Buch erstellen</translation>
    </message>
    <message>
        <source>This book has no partners yet. Create a demo book with 200 partners and 2,000 deal registrations to explore PartnerDesk? You can also import your own CSV files with File → Import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 partner</source>
        <translation>1 Partner</translation>
    </message>
    <message>
        <source>%1 partners</source>
        <translation>%1 Partner</translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation>%1 angezeigt von %2</translation>
    </message>
    <message>
        <source>Creating the demo book…</source>
        <translation>Demo-Buch wird erstellt …</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>New database</source>
        <translation>Neue Datenbank</translation>
    </message>
    <message>
        <source>PartnerDesk books (*.partnerdesk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PartnerDesk books (*.partnerdesk);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to shared database</source>
        <translation>Mit gemeinsamer Datenbank verbinden</translation>
    </message>
    <message>
        <source>PostgreSQL URL (postgresql://user@host:port/database):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a postgresql:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password for %1 (leave empty for none):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About PartnerDesk</source>
        <translation>Über PartnerDesk</translation>
    </message>
    <message>
        <source>PartnerDesk %1
Offline-first channel partner management.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>PartnerDesk</source>
        <translation>PartnerDesk</translation>
    </message>
    <message>
        <source>Open or create a database with the File menu.</source>
        <translation>Öffnen oder erstellen Sie eine Datenbank über das Menü „Datei“.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New database…</source>
        <translation>&amp;Neue Datenbank …</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>Datenbank ö&amp;ffnen …</translation>
    </message>
    <message>
        <source>&amp;Connect to shared database…</source>
        <translation>Mit gemeinsamer Datenbank &amp;verbinden …</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Create &amp;demo book</source>
        <translation>&amp;Demo-Buch erstellen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>&amp;Partners</source>
        <translation>&amp;Partner</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Sidebar</source>
        <translation>&amp;Seitenleiste</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About PartnerDesk</source>
        <translation>&amp;Über PartnerDesk</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Benutzerhandbuch</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>pd::PartnerDetailPanel</name>
    <message>
        <source>Partner</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>No partner selected</source>
        <translation>Kein Partner ausgewählt</translation>
    </message>
    <message>
        <source>New partner</source>
        <translation>Neuer Partner</translation>
    </message>
    <message>
        <source>Enter the partner&apos;s name.</source>
        <translation>Geben Sie den Namen des Partners ein.</translation>
    </message>
    <message>
        <source>Enter a short unique key, e.g. a ticker.</source>
        <translation>Geben Sie einen kurzen eindeutigen Schlüssel ein, z. B. ein Börsenkürzel.</translation>
    </message>
    <message numerus="yes">
        <source>The key is longer than %n characters.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>The key %1 is already used by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown country “%1”: enter an ISO 3166 code such as DE, or a country name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a web address.</source>
        <translation>Das ist keine Webadresse.</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>Kontakt hinzufügen</translation>
    </message>
    <message>
        <source>Edit contact</source>
        <translation>Kontakt bearbeiten</translation>
    </message>
    <message>
        <source>Archive contact</source>
        <translation>Kontakt archivieren</translation>
    </message>
</context>
<context>
    <name>PartnerDetailPanel</name>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Key</source>
        <translation>S&amp;chlüssel</translation>
    </message>
    <message>
        <source>T&amp;ype</source>
        <translation>T&amp;yp</translation>
    </message>
    <message>
        <source>&amp;Lifecycle stage</source>
        <translation>Lebenszykl&amp;usphase</translation>
    </message>
    <message>
        <source>&amp;Tier</source>
        <translation>Stu&amp;fe</translation>
    </message>
    <message>
        <source>Terr&amp;itory</source>
        <translation>&amp;Gebiet</translation>
    </message>
    <message>
        <source>Channel &amp;manager</source>
        <translation>Channel-&amp;Manager</translation>
    </message>
    <message>
        <source>C&amp;ountry</source>
        <translation>&amp;Land</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>&amp;Stadt</translation>
    </message>
    <message>
        <source>Fo&amp;unded</source>
        <translation>Gegründe&amp;t</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>Sp&amp;eichern</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>Hin&amp;zufügen …</translation>
    </message>
    <message>
        <source>ISO code or name, e.g. DE or Germany</source>
        <translation>ISO-Code oder Name, z. B. DE oder Deutschland</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
</context>
<context>
    <name>pd::PartnerTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Territory</source>
        <translation>Gebiet</translation>
    </message>
    <message>
        <source>Channel manager</source>
        <translation>Channel-Manager</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Kontakte</translation>
    </message>
    <message>
        <source>Open deals</source>
        <translation>Offene Deals</translation>
    </message>
    <message>
        <source>Won, 12 months</source>
        <translation>Gewonnen, 12 Monate</translation>
    </message>
    <message>
        <source>Open pipeline</source>
        <translation>Offene Pipeline</translation>
    </message>
    <message>
        <source>%1 (archived)</source>
        <translation>%1 (archiviert)</translation>
    </message>
</context>
<context>
    <name>PartnersPane</name>
    <message>
        <source>Search name, key or city</source>
        <translation>Name, Schlüssel oder Stadt suchen</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>Alle Phasen</translation>
    </message>
    <message>
        <source>All territories</source>
        <translation>Alle Gebiete</translation>
    </message>
    <message>
        <source>No partners yet. Import a CSV file with File → Import…, or explore with File → Create demo book.</source>
        <translation>Noch keine Partner. Importieren Sie eine CSV-Datei mit Datei → Importieren … oder probieren Sie Datei → Demo-Buch erstellen.</translation>
    </message>
    <message>
        <source>Loading partners…</source>
        <translation>Partner werden geladen …</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>A&amp;rchivierte zeigen</translation>
    </message>
    <message>
        <source>Also list archived partners (shown in grey italics), so that they can be restored</source>
        <translation>Auch archivierte Partner auflisten (grau und kursiv), damit sie wiederhergestellt werden können</translation>
    </message>
</context>
<context>
    <name>pd::PartnersPane</name>
    <message>
        <source>Partners</source>
        <translation>Partner</translation>
    </message>
    <message>
        <source>Loading partners…</source>
        <translation>Partner werden geladen …</translation>
    </message>
    <message>
        <source>&amp;New partner</source>
        <translation>&amp;Neuer Partner</translation>
    </message>
    <message>
        <source>&amp;Archive partner</source>
        <translation>Partner &amp;archivieren</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Archive partner</source>
        <translation>Partner archivieren</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to the partner you were editing?</source>
        <translation>Die Änderungen am bearbeiteten Partner speichern?</translation>
    </message>
    <message>
        <source>&amp;Restore partner</source>
        <translation>Partner &amp;wiederherstellen</translation>
    </message>
    <message>
        <source>Restore partner</source>
        <translation>Partner wiederherstellen</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>comma</source>
        <translation>Komma</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Offline-first channel partner management.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database: an SQLite file or a postgresql:// URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the main window (1280×800) to FILE.png and exit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pd::ContactCommands</name>
    <message>
        <source>Add contact %1</source>
        <translation>Kontakt %1 hinzufügen</translation>
    </message>
    <message>
        <source>Edit contact %1</source>
        <translation>Kontakt %1 bearbeiten</translation>
    </message>
    <message>
        <source>Archive contact %1</source>
        <translation>Kontakt %1 archivieren</translation>
    </message>
</context>
<context>
    <name>pd::PartnerCommands</name>
    <message>
        <source>Add partner %1</source>
        <translation>Partner %1 hinzufügen</translation>
    </message>
    <message>
        <source>Edit partner %1</source>
        <translation>Partner %1 bearbeiten</translation>
    </message>
    <message>
        <source>Partner %1 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partner %1 was changed by someone else meanwhile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive partner %1</source>
        <translation>Partner %1 archivieren</translation>
    </message>
    <message>
        <source>Restore partner %1</source>
        <translation>Partner %1 wiederherstellen</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import CSV</source>
        <translation>CSV importieren</translation>
    </message>
</context>
</TS>
