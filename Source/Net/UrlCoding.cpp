#include "Net/UrlCoding.h"

namespace moodboard::net
{
namespace
{
bool isUnreserved (unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int hexValue (char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::string percentEncode (std::string_view text)
{
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve (text.size());

    for (const char ch : text)
    {
        const auto c = static_cast<unsigned char> (ch);

        if (isUnreserved (c))
        {
            out += ch;
            continue;
        }

        out += '%';
        out += digits[c >> 4];
        out += digits[c & 0x0f];
    }

    return out;
}

std::optional<std::string> percentDecode (std::string_view text, bool plusIsSpace)
{
    std::string out;
    out.reserve (text.size());

    for (std::size_t i = 0; i < text.size(); ++i)
    {
        const char c = text[i];

        if (c == '%')
        {
            if (i + 2 >= text.size())
                return std::nullopt;

            const int high = hexValue (text[i + 1]);
            const int low = hexValue (text[i + 2]);

            if (high < 0 || low < 0)
                return std::nullopt;

            out += static_cast<char> ((high << 4) | low);
            i += 2;
        }
        else if (c == '+' && plusIsSpace)
        {
            out += ' ';
        }
        else
        {
            out += c;
        }
    }

    if (out.find ('\0') != std::string::npos)
        return std::nullopt;

    return out;
}

std::string encodeParameters (const Parameters& parameters)
{
    std::string out;

    for (const auto& [name, value] : parameters)
    {
        if (!out.empty())
            out += '&';

        out += percentEncode (name);
        out += '=';
        out += percentEncode (value);
    }

    return out;
}

std::optional<Parameters> decodeParameters (std::string_view text, std::size_t maxParameters)
{
    Parameters out;

    while (!text.empty())
    {
        const auto amp = text.find ('&');
        const auto pair = text.substr (0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr (amp + 1);

        if (pair.empty())
            continue;

        if (out.size() == maxParameters)
            return std::nullopt;

        const auto eq = pair.find ('=');
        auto name = percentDecode (pair.substr (0, eq), true);
        auto value = percentDecode (
            eq == std::string_view::npos ? std::string_view() : pair.substr (eq + 1), true);

        if (!name || !value)
            return std::nullopt;

        out.emplace_back (std::move (*name), std::move (*value));
    }

    return out;
}

std::optional<std::string> findParameter (const Parameters& parameters, std::string_view name)
{
    for (const auto& [key, value] : parameters)
        if (key == name)
            return value;

    return std::nullopt;
}

std::string withoutQuery (std::string_view url)
{
    const auto cut = url.find_first_of ("?#");
    return std::string (url.substr (0, cut));
}

} // namespace moodboard::net
