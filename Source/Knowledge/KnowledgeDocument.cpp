#include "Knowledge/KnowledgeDocument.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace moodboard::knowledge
{
namespace
{

std::string_view trim (std::string_view text)
{
    const auto first = text.find_first_not_of (" \t\r");

    if (first == std::string_view::npos)
        return {};

    const auto last = text.find_last_not_of (" \t\r");
    return text.substr (first, last - first + 1);
}

Error badFile (const std::filesystem::path& path, const std::string& what)
{
    return {Error::Kind::corrupt,
            "The knowledge document " + path.string() + " " + what +
                ". Fix its front matter (see Resources/Knowledge/README.md)."};
}

bool isValidId (std::string_view id)
{
    return !id.empty() &&
           std::all_of (id.begin(), id.end(),
                        [] (unsigned char c)
                        { return std::isalnum (c) || c == '-' || c == '_' || c == '.'; });
}

// Splits "[a, b]" into its entries; anything else is not a list.
std::optional<std::vector<std::string>> parseList (std::string_view value)
{
    if (value.size() < 2 || value.front() != '[' || value.back() != ']')
        return std::nullopt;

    std::vector<std::string> items;
    auto inner = value.substr (1, value.size() - 2);

    while (!trim (inner).empty())
    {
        const auto comma = inner.find (',');
        const auto item = trim (inner.substr (0, comma));

        if (item.empty())
            return std::nullopt;

        items.emplace_back (item);
        inner = comma == std::string_view::npos ? std::string_view{} : inner.substr (comma + 1);
    }

    return items;
}

} // namespace

Expected<KnowledgeDocument> parseDocument (std::string_view text, const std::filesystem::path& path)
{
    if (text.starts_with ("\xEF\xBB\xBF"))
        text.remove_prefix (3);

    std::vector<std::string_view> lines;
    std::size_t start = 0;

    while (start <= text.size())
    {
        const auto end = text.find ('\n', start);
        lines.push_back (
            text.substr (start, end == std::string_view::npos ? text.size() - start : end - start));
        if (end == std::string_view::npos)
            break;
        start = end + 1;
    }

    if (lines.empty() || trim (lines.front()) != "---")
        return std::unexpected (badFile (path, "does not start with a front matter block ('---')"));

    std::map<std::string, std::string, std::less<>> fields;
    std::size_t line = 1;

    for (; line < lines.size() && trim (lines[line]) != "---"; ++line)
    {
        const auto entry = trim (lines[line]);

        if (entry.empty() || entry.starts_with ('#'))
            continue;

        const auto colon = entry.find (':');

        if (colon == std::string_view::npos)
            return std::unexpected (
                badFile (path, "has a front matter line without 'name: value' (line " +
                                   std::to_string (line + 1) + ")"));

        fields[std::string (trim (entry.substr (0, colon)))] =
            std::string (trim (entry.substr (colon + 1)));
    }

    if (line >= lines.size())
        return std::unexpected (badFile (path, "has no closing '---' after its front matter"));

    KnowledgeDocument document;
    document.path = path;

    for (const auto* name : {"id", "title", "folder", "owner", "viewers"})
        if (!fields.contains (name))
            return std::unexpected (badFile (path, std::string ("is missing '") + name + "'"));

    for (const auto* name : {"id", "title", "folder", "owner"})
        if (fields[name].empty())
            return std::unexpected (badFile (path, std::string ("has an empty '") + name + "'"));

    document.id = fields["id"];
    document.title = fields["title"];
    document.folder = fields["folder"];
    document.owner = fields["owner"];

    if (!isValidId (document.id) || !isValidId (document.folder))
        return std::unexpected (badFile (path, "has an id or folder with characters other than "
                                               "letters, digits, '-', '_' and '.'"));

    if (!document.owner.starts_with ("user:") || document.owner.size() == 5)
        return std::unexpected (badFile (path, "has an owner that is not written as user:<name>"));

    auto viewers = parseList (fields["viewers"]);

    if (!viewers)
        return std::unexpected (badFile (path, "has 'viewers' that is not a list such as "
                                               "[user:*, group:admins#member]"));

    document.viewers = std::move (*viewers);

    std::string body;
    for (++line; line < lines.size(); ++line)
    {
        body.append (lines[line]);
        body.push_back ('\n');
    }

    const auto first = body.find_first_not_of ("\n \t\r");

    if (first != std::string::npos)
        document.body = body.substr (first, body.find_last_not_of ("\n \t\r") - first + 1);

    return document;
}

Expected<KnowledgeDocument> loadDocument (const std::filesystem::path& file)
{
    std::ifstream in (file, std::ios::binary);

    if (!in)
        return makeError (Error::Kind::unreadable, "The knowledge document " + file.string() +
                                                       " cannot be read; check that it "
                                                       "exists and is readable.");

    std::ostringstream buffer;
    buffer << in.rdbuf();
    return parseDocument (buffer.str(), file);
}

Expected<std::vector<KnowledgeDocument>> loadDocuments (const std::filesystem::path& folder)
{
    std::error_code error;

    if (!std::filesystem::is_directory (folder, error))
        return makeError (Error::Kind::notFound, "The knowledge folder " + folder.string() +
                                                     " does not exist or is not a folder.");

    std::vector<std::filesystem::path> files;

    for (auto it = std::filesystem::recursive_directory_iterator (folder, error);
         !error && it != std::filesystem::recursive_directory_iterator(); it.increment (error))
        if (it->is_regular_file() && it->path().extension() == ".md" &&
            it->path().filename() != "README.md")
            files.push_back (it->path());

    if (error)
        return makeError (Error::Kind::unreadable, "The knowledge folder " + folder.string() +
                                                       " cannot be listed: " + error.message());

    std::sort (files.begin(), files.end());
    std::vector<KnowledgeDocument> documents;
    std::map<std::string, std::filesystem::path> seen;

    for (const auto& file : files)
    {
        auto document = loadDocument (file);

        if (!document)
            return std::unexpected (document.error());

        if (const auto [it, added] = seen.emplace (document->id, file); !added)
            return makeError (Error::Kind::corrupt, "The knowledge documents " +
                                                        it->second.string() + " and " +
                                                        file.string() + " share the id '" +
                                                        document->id + "'; give each its own id.");

        documents.push_back (std::move (*document));
    }

    return documents;
}

} // namespace moodboard::knowledge
