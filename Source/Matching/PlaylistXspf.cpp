#include "Core/AtomicFile.h"
#include "Matching/Playlist.h"
#include "Matching/PlaylistFileName.h"

#include <cmath>
#include <cstdio>

namespace moodboard::matching
{
namespace
{
std::string escapeXml (const std::string& text)
{
    std::string out;
    for (const char c : text)
    {
        switch (c)
        {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // Control characters are not allowed in XML 1.0; tags sometimes carry them.
                if ((unsigned char) c >= 0x20 || c == '\t' || c == '\n')
                    out += c;
        }
    }
    return out;
}

// RFC 3986 file URI: every byte outside the unreserved set and '/' is percent-encoded, so
// spaces and non-ASCII names survive every player.
std::string fileUri (const std::string& path)
{
    std::string out = "file://";
    for (const unsigned char c : path)
    {
        if (std::isalnum (c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
            out += (char) c;
        else
        {
            char buffer[4];
            std::snprintf (buffer, sizeof (buffer), "%%%02X", c);
            out += buffer;
        }
    }
    return out;
}
} // namespace

Expected<void> writeXspf (const Playlist& playlist, const std::filesystem::path& file,
                          const std::string& title)
{
    std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<playlist version=\"1\" xmlns=\"http://xspf.org/ns/0/\">\n";

    xml += "  <title>" + escapeXml (playlistTitle (title, file)) + "</title>\n";

    xml += "  <trackList>\n";

    for (const auto& entry : playlist.entries)
    {
        const auto& t = entry.track;
        xml += "    <track>\n      <location>" + escapeXml (fileUri (t.path)) + "</location>\n";
        if (! t.title.empty())
            xml += "      <title>" + escapeXml (t.title) + "</title>\n";
        if (! t.artist.empty())
            xml += "      <creator>" + escapeXml (t.artist) + "</creator>\n";
        if (! t.album.empty())
            xml += "      <album>" + escapeXml (t.album) + "</album>\n";
        xml += "      <duration>"
             + std::to_string (std::lround (t.features.durationSeconds * 1000.0))
             + "</duration>\n";
        if (! entry.reason.empty())
            xml += "      <annotation>" + escapeXml (entry.reason) + "</annotation>\n";
        xml += "    </track>\n";
    }

    xml += "  </trackList>\n</playlist>\n";
    return writeFileAtomically (file, xml);
}

Expected<void> writePlaylistFile (const Playlist& playlist, const std::filesystem::path& file,
                                  const std::string& title)
{
    auto extension = file.extension().string();
    for (auto& c : extension)
        c = (char) std::tolower ((unsigned char) c);

    if (extension == ".m3u8" || extension == ".m3u")
        return writeM3u8 (playlist, file, title);
    if (extension == ".xspf")
        return writeXspf (playlist, file, title);

    return makeError (Error::Kind::invalidInput,
                      "cannot tell the playlist format from '" + file.filename().string()
                          + "': name the file .m3u8, .m3u or .xspf");
}

} // namespace moodboard::matching
