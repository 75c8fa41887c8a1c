#pragma once

#include "Core/Error.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace moodboard::knowledge
{

/** One Markdown document of the knowledge base: its front matter and its body.

    The front matter is the block between the first two `---` lines: `id`, `title`, `folder`,
    `owner` (an OpenFGA user such as `user:anne`) and `viewers` (a list such as
    `[user:*, group:admins#member]`; empty means only the owner). Access is decided by the tuples
    in the authorisation store, not by these fields; they are kept so a document that a user adds
    can have its tuples written from them.
*/
struct KnowledgeDocument
{
    std::string id;
    std::string title;
    std::string folder;
    std::string owner;
    std::vector<std::string> viewers;
    std::string body;
    std::filesystem::path path;

    /** The document's object in the authorisation model: `document:<id>`. Any thread. */
    [[nodiscard]] std::string object() const { return "document:" + id; }
};

/** Reads a document from `text`; `path` only names it in errors and is kept in the result.
    An error names the file and the field that is missing or malformed. Any thread.
*/
[[nodiscard]] Expected<KnowledgeDocument> parseDocument (std::string_view text,
                                                         const std::filesystem::path& path);

/** Reads one document from a file. Any thread. */
[[nodiscard]] Expected<KnowledgeDocument> loadDocument (const std::filesystem::path& file);

/** Reads every `.md` file under `folder`, recursively, except README.md files, sorted by path.
    The first unreadable or malformed file, or two files with the same id, is an error that
    names them. Any thread.
*/
[[nodiscard]] Expected<std::vector<KnowledgeDocument>>
loadDocuments (const std::filesystem::path& folder);

} // namespace moodboard::knowledge
