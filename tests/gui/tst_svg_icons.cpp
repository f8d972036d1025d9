// The SVG-subset icon reader and the palette-following icons: every shipped icon parses and takes the
// palette.
#include "ui/shell/icons.h"
#include "ui/shell/svg_icon_document.h"

#include <QApplication>
#include <QDirIterator>
#include <QImage>
#include <QPalette>
#include <QTest>

using namespace Qt::StringLiterals;
using otter::ui::SvgIconDocument;

namespace {

// Average colour of the opaque pixels: what the icon was painted with.
QColor inkOf(const QImage &image, int *opaquePixels)
{
    qint64 r = 0, g = 0, b = 0, n = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() > 200) {
                r += c.red();
                g += c.green();
                b += c.blue();
                ++n;
            }
        }
    }
    *opaquePixels = int(n);
    return n ? QColor(int(r / n), int(g / n), int(b / n)) : QColor();
}

} // namespace

class TestSvgIcons final : public QObject
{
    Q_OBJECT

private slots:
    void pathData_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<QRectF>("bounds");
        QTest::newRow("absolute") << u"M2 2L22 2L22 22L2 22Z"_s << QRectF(2, 2, 20, 20);
        QTest::newRow("relative and h/v") << u"M2 2h20v20H2z"_s << QRectF(2, 2, 20, 20);
        QTest::newRow("implicit lineto") << u"M0 0 10 0 10 5"_s << QRectF(0, 0, 10, 5);
        QTest::newRow("compact numbers") << u"M1-1l2.5.5"_s << QRectF(1, -1, 2.5, 0.5);
        QTest::newRow("cubic") << u"M0 0c0 10 10 10 10 0"_s << QRectF(0, 0, 10, 7.5);
        QTest::newRow("half circle arc") << u"M0 10a10 10 0 0 1 20 0"_s << QRectF(0, 0, 20, 10);
        QTest::newRow("unsupported stops") << u"M0 0L4 0X9 9"_s << QRectF(0, 0, 4, 0);
    }

    void pathData()
    {
        QFETCH(QString, data);
        QFETCH(QRectF, bounds);
        const QRectF actual = SvgIconDocument::parsePathData(data).boundingRect();
        QVERIFY2(qAbs(actual.left() - bounds.left()) < 0.05 && qAbs(actual.top() - bounds.top()) < 0.05 &&
                     qAbs(actual.width() - bounds.width()) < 0.05 &&
                     qAbs(actual.height() - bounds.height()) < 0.05,
                 qPrintable(u"got %1,%2 %3x%4"_s.arg(actual.left())
                                .arg(actual.top())
                                .arg(actual.width())
                                .arg(actual.height())));
    }

    void documentElements()
    {
        const QByteArray svg = R"(<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2">
            <rect x="3" y="3" width="7" height="9" rx="1"/><circle cx="12" cy="12" r="1" fill="currentColor" stroke="none"/>
            <g stroke-width="1"><line x1="0" y1="0" x2="5" y2="5"/></g><polygon points="1,1 5,1 5,5"/></svg>)";
        const SvgIconDocument document = SvgIconDocument::fromData(svg);
        QVERIFY(document.isValid());
        QCOMPARE(document.viewBox(), QRectF(0, 0, 24, 24));
        QCOMPARE(document.shapes().size(), 4);
        QVERIFY(!document.shapes().at(0).filled);
        QVERIFY(document.shapes().at(1).filled && !document.shapes().at(1).stroked);
        QCOMPARE(document.shapes().at(2).strokeWidth, 1.0);
        QCOMPARE(document.shapes().at(3).strokeWidth, 2.0);
        QVERIFY(!SvgIconDocument::fromData("<svg><path d=").isValid());
    }

    void everyShippedIconFollowsThePalette()
    {
        QStringList names;
        otter::ui::themedIcon(u"dashboard"_s); // registers the resources
        QDirIterator it(u":/otter/icons"_s, {u"*.svg"_s});
        while (it.hasNext())
            names.append(QFileInfo(it.next()).baseName());
        QVERIFY(names.size() >= 15);

        const QPalette original = QApplication::palette();
        for (const QString &name : std::as_const(names)) {
            const QIcon icon = otter::ui::themedIcon(name);
            QVERIFY2(!icon.isNull(), qPrintable(name));

            QPalette light;
            light.setColor(QPalette::WindowText, Qt::black);
            QApplication::setPalette(light);
            int lightPixels = 0;
            const QColor lightInk = inkOf(icon.pixmap(QSize(48, 48)).toImage(), &lightPixels);

            QPalette dark;
            dark.setColor(QPalette::WindowText, Qt::white);
            QApplication::setPalette(dark);
            int darkPixels = 0;
            const QColor darkInk = inkOf(icon.pixmap(QSize(48, 48)).toImage(), &darkPixels);

            QVERIFY2(lightPixels > 40, qPrintable(name)); // something visible was drawn
            QCOMPARE(darkPixels, lightPixels);            // same shape, other colour
            QVERIFY2(lightInk.lightness() < 60 && darkInk.lightness() > 200, qPrintable(name));
        }
        QApplication::setPalette(original);
    }

    void highDpiPixmapsAreSharp()
    {
        const QIcon icon = otter::ui::themedIcon(u"devices"_s);
        const QPixmap pixmap = icon.pixmap(QSize(24, 24), 2.0);
        QCOMPARE(pixmap.size(), QSize(48, 48));
        QCOMPARE(pixmap.devicePixelRatio(), 2.0);
    }

    void fixedColourIgnoresPalette()
    {
        const QIcon icon = otter::ui::themedIcon(u"warning"_s, QColor(200, 0, 0));
        int pixels = 0;
        const QColor ink = inkOf(icon.pixmap(QSize(48, 48)).toImage(), &pixels);
        QVERIFY(pixels > 0);
        QVERIFY(ink.red() > 150 && ink.green() < 40 && ink.blue() < 40);
    }

    void unknownNameIsNull()
    {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no usable icon"_s));
        QVERIFY(otter::ui::themedIcon(u"no-such-icon"_s).isNull());
    }
};

QTEST_MAIN(TestSvgIcons)
#include "tst_svg_icons.moc"
