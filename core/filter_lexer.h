// FilterLexer: splits a filter expression into tokens, each with its position for error messages.
#pragma once

#include "core/filter_error.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <variant>

namespace otter {

struct FilterToken
{
    enum class Kind : quint8 {
        Word,     // field names and keywords: [A-Za-z_][A-Za-z0-9_.-]*
        String,   // "…" with \" and \\ decoded into text
        Integer,  // [-]digits, value in number
        Equal,    // ==
        NotEqual, // !=
        Less,
        LessEqual,
        Greater,
        GreaterEqual,
        Tilde, // ~ (glob match)
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Comma,
        End, // one past the last character
    };

    Kind kind = Kind::End;
    int offset = 0; // 0-based index into the expression
    int length = 0;
    QString text; // word or decoded string; the source spelling for the other kinds
    qint64 number = 0;

    int column() const { return offset + 1; }
    // Keywords are case-insensitive: "and", "AND" and "And" are the same word.
    bool isKeyword(QLatin1String keyword) const
    {
        return kind == Kind::Word && text.compare(keyword, Qt::CaseInsensitive) == 0;
    }
    // "'and'", "\"gw-200\"", "'=='", "end of expression": how an error message names this token.
    QString describe() const;
};

class FilterLexer
{
public:
    // The last token is always End. Fails on the first character that cannot start or continue a token.
    static std::variant<QList<FilterToken>, FilterError> tokenize(QStringView text);
};

} // namespace otter
