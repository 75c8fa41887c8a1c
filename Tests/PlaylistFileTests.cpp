// Saving a playlist: the file is named after the playlist as readably as the file system allows
// (only '/', NUL and leading dots are replaced), an existing file is never replaced unasked (the
// next free "Name (2).m3u8" is taken), and the title inside the file is the playlist's name, not
// the mood's explanation.
#include "AudioFiles.h"
#include "Matching/Playlist.h"
#include "Matching/PlaylistFileName.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace moodboard;
using matching::playlistFileStem;

namespace
{
std::string readAll (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);
    return { std::istreambuf_iterator<char> (in), {} };
}

void writeText (const std::filesystem::path& file, const std::string& text)
{
    std::ofstream (file, std::ios::binary) << text;
}

matching::Playlist twoTracks()
{
    matching::Playlist playlist;
    playlist.mood.explanation = "Calm and warm, low energy (the mood's explanation)";
    for (int i = 0; i < 2; ++i)
    {
        library::Track t;
        t.path = "/music/night-" + std::to_string (i) + ".flac";
        t.title = "Night " + std::to_string (i);
        t.artist = "Ünïcode Band";
        t.features.durationSeconds = 200;
        playlist.entries.push_back ({ t, {}, 0.0, "fits" });
    }
    return playlist;
}
} // namespace

TEST_CASE ("a playlist's file name keeps its letters and replaces only what file systems refuse",
           "[matching]")
{
    CHECK (playlistFileStem ("Café Nächte") == "Café Nächte");
    CHECK (playlistFileStem ("Ночной джаз") == "Ночной джаз");
    CHECK (playlistFileStem ("夜のドライブ") == "夜のドライブ");
    const std::string punctuation = "What? Yes: *now* <3 | \"quoted\" \\ back";
    CHECK (playlistFileStem (punctuation) == punctuation);
    CHECK (playlistFileStem ("AC/DC Night") == "AC-DC Night");
    CHECK (playlistFileStem (std::string ("Null\0Byte", 9)) == "Null-Byte");
    CHECK (playlistFileStem ("..hidden") == "__hidden");
    CHECK (playlistFileStem ("  .config  ") == "_config");
    CHECK (playlistFileStem ("Vol. 2.5") == "Vol. 2.5");
    CHECK (playlistFileStem ("../../etc/passwd") == "__-..-etc-passwd");
    CHECK (playlistFileStem ("  Sunday  Morning ") == "Sunday  Morning");
    CHECK (playlistFileStem ("") == "Playlist");
    CHECK (playlistFileStem (" \t ") == "Playlist");

    // 300 two-byte letters are cut to 100 of them, never inside a letter.
    std::string letters;
    for (int i = 0; i < 300; ++i)
        letters += "é";
    const auto cut = playlistFileStem (letters);
    CHECK (cut.size() == 200);
    CHECK (cut == letters.substr (0, 200));
    const auto odd = playlistFileStem ("x" + letters);
    CHECK (odd.size() == 199);
    CHECK (odd == "x" + letters.substr (0, 198));
}

TEST_CASE ("an existing playlist file is never replaced: the next free name is taken",
           "[matching]")
{
    const auto folder = testing::makeScratchFolder ("playlist-free-name");
    const auto stem = playlistFileStem ("Café Nächte");

    const auto first = matching::freePlaylistFile (folder, stem, ".m3u8");
    CHECK (first == folder / "Café Nächte.m3u8");
    writeText (first, "the user's own playlist\n");

    const auto second = matching::freePlaylistFile (folder, stem, ".m3u8");
    CHECK (second == folder / "Café Nächte (2).m3u8");
    REQUIRE (matching::writePlaylistFile (twoTracks(), second, "Café Nächte"));
    CHECK (readAll (first) == "the user's own playlist\n");

    CHECK (matching::freePlaylistFile (folder, stem, ".m3u8") == folder / "Café Nächte (3).m3u8");
    // The other format has a name of its own.
    CHECK (matching::freePlaylistFile (folder, stem, ".xspf") == folder / "Café Nächte.xspf");
    // A dangling link is a name taken too.
    std::filesystem::create_symlink (folder / "nowhere", folder / "Café Nächte (3).m3u8");
    CHECK (matching::freePlaylistFile (folder, stem, ".m3u8") == folder / "Café Nächte (4).m3u8");
}

TEST_CASE ("the title inside a playlist file is the playlist's name", "[matching]")
{
    const auto folder = testing::makeScratchFolder ("playlist-title");
    const auto playlist = twoTracks();

    SECTION ("M3U8")
    {
        const auto file = folder / "Café Nächte.m3u8";
        REQUIRE (matching::writePlaylistFile (playlist, file, "Café Nächte"));
        const auto text = readAll (file);
        CHECK (text.starts_with ("#EXTM3U\n#PLAYLIST:Café Nächte\n"
                                 "#EXTINF:200,Ünïcode Band - Night 0\n"));
        CHECK (text.find (playlist.mood.explanation) == std::string::npos);
    }

    SECTION ("XSPF")
    {
        const auto file = folder / "Café Nächte.xspf";
        REQUIRE (matching::writePlaylistFile (playlist, file, "Rock & Café <Nächte>"));
        const auto xml = readAll (file);
        CHECK (xml.find ("<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n"
                         "  <title>Rock &amp; Café &lt;Nächte&gt;</title>\n  <trackList>")
               != std::string::npos);
        CHECK (xml.find (playlist.mood.explanation) == std::string::npos);
    }

    SECTION ("a name on two lines stays one title line")
    {
        const auto file = folder / "two.m3u8";
        REQUIRE (matching::writePlaylistFile (playlist, file, "Late\nNight"));
        CHECK (readAll (file).starts_with ("#EXTM3U\n#PLAYLIST:Late Night\n#EXTINF:"));
    }

    SECTION ("without a name, the file's name is the title")
    {
        const auto file = folder / "Sunday Morning.xspf";
        REQUIRE (matching::writePlaylistFile (playlist, file));
        CHECK (readAll (file).find ("  <title>Sunday Morning</title>\n") != std::string::npos);
    }
}
