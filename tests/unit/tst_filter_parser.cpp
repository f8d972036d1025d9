// Tests for the filter-expression parser: precedence, every operator and field, and positioned errors.
#include "core/filter_expression.h"
#include "core/filter_parser.h"

#include <QTest>

using namespace otter;
using namespace Qt::StringLiterals;

class TestFilterParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void canonicalTextParsesBack_data() { parse_data(); }
    void canonicalTextParsesBack();
    void blankExpressionMatchesEverything();
    void resultMessageCarriesColumn();
    void lengthLimitIsExact();
    void depthLimitIsExact();
    void keywordsAreCaseInsensitive();
};

namespace {

QString repeated(const QString &piece, int times)
{
    QString out;
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

} // namespace

void TestFilterParser::parse_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("errorColumn");
    QTest::addColumn<QString>("messagePart"); // for invalid rows: expected in the error message
    QTest::addColumn<QString>("canonical");   // for valid rows: how precedence was resolved

    auto ok = [](const char *name, const QString &expression, const QString &canonical) {
        QTest::newRow(name) << expression << true << 0 << QString() << canonical;
    };
    auto bad = [](const char *name, const QString &expression, int column, const QString &part) {
        QTest::newRow(name) << expression << false << column << part << QString();
    };

    // Valid expressions, with the fully parenthesised reading the parser must produce.
    ok("equal", u"class == \"gw-200\""_s, u"class == \"gw-200\""_s);
    ok("and binds tighter than or (left)", u"class == \"a\" and region == \"b\" or state == \"c\""_s,
       u"((class == \"a\" and region == \"b\") or state == \"c\")"_s);
    ok("and binds tighter than or (right)", u"class == \"a\" or region == \"b\" and state == \"c\""_s,
       u"(class == \"a\" or (region == \"b\" and state == \"c\"))"_s);
    ok("not binds tighter than and", u"not busy and svn > 3"_s,
       u"(not busy == true and security_version > 3)"_s);
    ok("parentheses override precedence", u"(class == \"a\" or class == \"b\") and region == \"x\""_s,
       u"((class == \"a\" or class == \"b\") and region == \"x\")"_s);
    ok("not of a group", u"not (class == \"a\" or class == \"b\")"_s,
       u"not (class == \"a\" or class == \"b\")"_s);
    ok("redundant parentheses", u"((((class == \"a\"))))"_s, u"class == \"a\""_s);
    ok("double not", u"not not busy"_s, u"not not busy == true"_s);
    ok("example from the design",
       u"class == \"gw-200\" and region in [\"eu-west\",\"eu-north\"] and label.ring == \"canary\" and not "
       "version < \"2.1.0\""_s,
       u"(class == \"gw-200\" and region in [\"eu-west\", \"eu-north\"] and label.ring == \"canary\" and not "
       "version < \"2.1.0\")"_s);
    ok("string escapes", u"label.note == \"say \\\"hi\\\" \\\\ bye\""_s,
       u"label.note == \"say \\\"hi\\\" \\\\ bye\""_s);
    ok("id not equal", u"id != \"dev-1\""_s, u"id != \"dev-1\""_s);
    ok("not in", u"region not in [\"eu-west\"]"_s, u"region not in [\"eu-west\"]"_s);
    ok("glob star", u"class ~ \"gw-*\""_s, u"class ~ \"gw-*\""_s);
    ok("glob question mark", u"id ~ \"dev-??\""_s, u"id ~ \"dev-??\""_s);
    ok("version greater or equal", u"version >= \"1.10.0\""_s, u"version >= \"1.10.0\""_s);
    ok("version short form", u"version <= \"2.1\""_s, u"version <= \"2.1\""_s);
    ok("version prerelease", u"version > \"2.1.0-rc.1\""_s, u"version > \"2.1.0-rc.1\""_s);
    ok("version equality with any text", u"version == \"garbage\""_s, u"version == \"garbage\""_s);
    ok("version glob", u"version ~ \"2.*\""_s, u"version ~ \"2.*\""_s);
    ok("security version less", u"security_version < 7"_s, u"security_version < 7"_s);
    ok("svn alias, negative", u"svn >= -1"_s, u"security_version >= -1"_s);
    ok("svn in list", u"svn in [1,2, 3]"_s, u"security_version in [1, 2, 3]"_s);
    ok("svn smallest integer", u"svn == -9223372036854775808"_s,
       u"security_version == -9223372036854775808"_s);
    ok("bank", u"bank == \"A\""_s, u"bank == \"A\""_s);
    ok("bank list", u"bank in [\"A\", \"B\"]"_s, u"bank in [\"A\", \"B\"]"_s);
    ok("bank glob", u"bank ~ \"?\""_s, u"bank ~ \"?\""_s);
    ok("state", u"state == \"idle\""_s, u"state == \"idle\""_s);
    ok("busy false", u"busy == false"_s, u"busy == false"_s);
    ok("busy not equal", u"busy != true"_s, u"busy != true"_s);
    ok("bare busy", u"busy"_s, u"busy == true"_s);
    ok("has label", u"has label.ring"_s, u"has label.ring"_s);
    ok("label key characters", u"HAS label.a.b-c_D9"_s, u"has label.a.b-c_D9"_s);
    ok("keywords in any case", u"class == \"a\" AND NOT region == \"b\" Or busy"_s,
       u"((class == \"a\" and not region == \"b\") or busy == true)"_s);
    ok("no spaces", u"class==\"a\"and(svn>=2)"_s, u"(class == \"a\" and security_version >= 2)"_s);
    ok("empty", QString(), QString());
    ok("blank", u"  \t\n "_s, QString());

    // Invalid expressions: the column points at the offending token.
    bad("value missing at the end", u"busy and bank =="_s, 17,
        u"expected a value after '==', found end of expression"_s);
    bad("unknown field", u"colour == \"red\""_s, 1, u"unknown field 'colour'; valid fields are id, class"_s);
    bad("field in upper case", u"busy or Class == \"x\""_s, 9, u"field names are lower case, e.g. 'class'"_s);
    bad("unterminated string", u"class == \"gw-200"_s, 10, u"unterminated string"_s);
    bad("trailing garbage", u"class == \"a\" region == \"b\""_s, 14,
        u"expected 'and', 'or' or the end of the expression, found 'region'"_s);
    bad("empty list", u"region in []"_s, 12, u"the list after 'in' is empty"_s);
    bad("trailing comma in list", u"region in [\"a\",]"_s, 16, u"expected a value after ',', found ']'"_s);
    bad("list without comma", u"region in [\"a\" \"b\"]"_s, 16, u"expected ',' or ']' in the list"_s);
    bad("in without list", u"region in \"a\""_s, 11, u"expected a list such as"_s);
    bad("ordering a boolean", u"busy < 3"_s, 6,
        u"'<' compares numbers and versions, but busy is true or false"_s);
    bad("string for a number", u"security_version == \"x\""_s, 21,
        u"security_version is a whole number; expected a number such as 7, found the string \"x\""_s);
    bad("boolean for a number", u"svn == true"_s, 8, u"security_version is a whole number"_s);
    bad("ordering text", u"class < \"b\""_s, 7, u"but class is text"_s);
    bad("ordering a label", u"label.ring >= \"5\""_s, 12, u"but label.ring is text"_s);
    bad("glob on a number", u"svn ~ \"1*\""_s, 5, u"'~' matches text patterns"_s);
    bad("glob on a boolean", u"busy ~ \"t*\""_s, 6, u"busy is true or false"_s);
    bad("number for text", u"class == 200"_s, 10, u"put the value in double quotes: \"200\""_s);
    bad("number in a text list", u"region in [\"a\", 1]"_s, 17, u"put the value in double quotes"_s);
    bad("string in a number list", u"svn in [1, \"2\"]"_s, 12, u"security_version is a whole number"_s);
    bad("number for a boolean", u"busy == 3"_s, 9, u"busy is true or false, found the number 3"_s);
    bad("string for a boolean", u"busy == \"true\""_s, 9, u"busy is true or false"_s);
    bad("unquoted text", u"class == gw200"_s, 10, u"text needs double quotes: \"gw200\""_s);
    bad("ordering with a non-version", u"version < \"abc\""_s, 11, u"is not a version"_s);
    bad("unquoted version", u"version < 2.1.0"_s, 11, u"'2.1.0' must be quoted"_s);
    bad("bank outside A/B", u"bank == \"C\""_s, 9, u"bank is \"A\" or \"B\""_s);
    bad("missing close parenthesis", u"(class == \"a\""_s, 14,
        u"to close the '(' at column 1, found end of expression"_s);
    bad("unmatched close parenthesis", u"class == \"a\")"_s, 13, u"unmatched ')'"_s);
    bad("single equals", u"class = \"a\""_s, 7, u"use '==' to compare"_s);
    bad("ampersands", u"class == \"a\" && busy"_s, 14, u"use 'and'"_s);
    bad("pipes", u"state == \"a\" || busy"_s, 14, u"use 'or'"_s);
    bad("single quotes", u"class == 'a'"_s, 10, u"strings use double quotes"_s);
    bad("unknown escape", u"label.x == \"a\\n\""_s, 14, u"unknown escape '\\n'"_s);
    bad("label without key", u"label. == \"x\""_s, 1, u"a label needs a key"_s);
    bad("has on a non-label", u"has class"_s, 5, u"checks that a label is set"_s);
    bad("field without operator", u"class"_s, 6, u"expected an operator after 'class'"_s);
    bad("not without in", u"region not [\"a\"]"_s, 8, u"expected an operator after 'region'"_s);
    bad("dangling and", u"class == \"a\" and"_s, 17,
        u"expected a condition such as class == \"gw-200\" after 'and', found end of expression"_s);
    bad("dangling or", u"class == \"a\" or"_s, 16, u"after 'or', found end of expression"_s);
    bad("empty parentheses", u"()"_s, 2, u"expected a condition"_s);
    bad("lone not", u"not"_s, 4, u"expected a condition"_s);
    bad("leading and", u"and busy"_s, 1, u"expected a condition"_s);
    bad("number out of range", u"svn == 99999999999999999999"_s, 8, u"out of range"_s);
    bad("unexpected character", u"busy @"_s, 6, u"unexpected character '@'"_s);
    bad("too deeply nested parentheses", repeated(u"("_s, 65) + u"busy"_s + repeated(u")"_s, 65), 65,
        u"nested too deeply"_s);
    bad("too many nots", repeated(u"not "_s, 65) + u"busy"_s, 257, u"nested too deeply"_s);
    bad("too long", repeated(u"busy or "_s, 600) + u"busy"_s, 4097,
        u"too long (4804 characters; the limit is 4096)"_s);
}

void TestFilterParser::parse()
{
    QFETCH(QString, expression);
    QFETCH(bool, valid);
    QFETCH(int, errorColumn);
    QFETCH(QString, messagePart);
    QFETCH(QString, canonical);

    FilterError error;
    const Result<FilterExpression> result = FilterExpression::parse(expression, &error);
    QCOMPARE(result.ok(), valid);
    if (valid) {
        QCOMPARE(result->canonicalText(), canonical);
        QCOMPARE(result->text(), expression);
        return;
    }
    QVERIFY2(error.message.contains(messagePart), qPrintable(error.message));
    QCOMPARE(error.column, errorColumn);
    QVERIFY(error.length >= 1);
    QVERIFY(error.column - 1 + error.length <= expression.size() + 1);
    QCOMPARE(result.error().kind, ErrorKind::InvalidInput);
}

void TestFilterParser::canonicalTextParsesBack()
{
    QFETCH(QString, expression);
    QFETCH(bool, valid);
    if (!valid)
        return;
    const Result<FilterExpression> first = FilterExpression::parse(expression);
    QVERIFY(first.ok());
    const Result<FilterExpression> second = FilterExpression::parse(first->canonicalText());
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(second->canonicalText(), first->canonicalText());
}

void TestFilterParser::blankExpressionMatchesEverything()
{
    const Result<FilterExpression> blank = FilterExpression::parse(u"   "_s);
    QVERIFY(blank.ok());
    QVERIFY(blank->matchesAll());
    QVERIFY(blank->matches(DeviceRecord{}));
    QVERIFY(FilterExpression().matchesAll());

    const Result<FilterExpression> some = FilterExpression::parse(u"busy"_s);
    QVERIFY(some.ok());
    QVERIFY(!some->matchesAll());
}

void TestFilterParser::resultMessageCarriesColumn()
{
    FilterError error;
    const Result<FilterExpression> result = FilterExpression::parse(u"busy and bank =="_s, &error);
    QVERIFY(!result.ok());
    QCOMPARE(result.errorMessage(), u"column 17: expected a value after '==', found end of expression"_s);
    QCOMPARE(error.toString(), result.errorMessage());

    // A later successful parse clears what an earlier failure left in the error.
    QVERIFY(FilterExpression::parse(u"busy"_s, &error).ok());
    QCOMPARE(error.column, 0);
    QVERIFY(error.message.isEmpty());
}

void TestFilterParser::lengthLimitIsExact()
{
    // "busy" padded with spaces to exactly the limit is fine; one more character is not.
    const QString atLimit = u"busy"_s + QString(FilterParser::MaxLength - 4, u' ');
    QVERIFY(FilterExpression::parse(atLimit).ok());
    FilterError error;
    QVERIFY(!FilterExpression::parse(atLimit + u' ', &error).ok());
    QCOMPARE(error.column, FilterParser::MaxLength + 1);
    QCOMPARE(error.length, 1);
}

void TestFilterParser::depthLimitIsExact()
{
    const int depth = FilterParser::MaxDepth;
    QVERIFY(FilterExpression::parse(repeated(u"("_s, depth) + u"busy"_s + repeated(u")"_s, depth)).ok());
    QVERIFY(FilterExpression::parse(repeated(u"not ("_s, depth / 2) + u"busy"_s + repeated(u")"_s, depth / 2))
                .ok());
    QVERIFY(!FilterExpression::parse(repeated(u"not ("_s, depth / 2 + 1) + u"busy"_s +
                                     repeated(u")"_s, depth / 2 + 1))
                 .ok());
    // Long flat chains are not nesting: they stay within limits however many terms there are.
    QVERIFY(FilterExpression::parse(repeated(u"busy and "_s, 400) + u"busy"_s).ok());
}

void TestFilterParser::keywordsAreCaseInsensitive()
{
    const Result<FilterExpression> lower = FilterExpression::parse(u"not busy and region in [\"a\"]"_s);
    const Result<FilterExpression> upper = FilterExpression::parse(u"NOT busy AND region IN [\"a\"]"_s);
    QVERIFY(lower.ok());
    QVERIFY(upper.ok());
    QCOMPARE(upper->canonicalText(), lower->canonicalText());
    QVERIFY(FilterExpression::parse(u"busy == TRUE"_s).ok());
}

QTEST_APPLESS_MAIN(TestFilterParser)
#include "tst_filter_parser.moc"
