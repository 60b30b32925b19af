/* Plays Pen against the package of a real C++ library: Debian's /usr/include/tinyxml2.h
   (`-- -x c++`, config tests/abi/cxx/tinyxml2.toml), linked with the real libtinyxml2: shim ->
   extern "C" layer -> tinyxml2. A document parsed from Pen strings (non-ASCII and quoted
   attributes, a malformed text), lookups through nullable results, iteration, upcasts of
   elements to nodes, building and printing. Elements, attributes and nodes are borrowed handles
   (the document owns them) and are dropped before the document; the document's finalizer deletes
   it exactly once (the link wraps pen_cxx_tinyxml2_XMLDocument_delete to count the calls, and
   LeakSanitizer sees a miss). Every Pen block must be freed at the end (pen_side_finish). */
#include "pen_values_side.h"

#include <stdio.h>
#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;

variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_new(uint8_t processEntities, double whitespaceMode);
void _tinyxml2_pen_cxx_tinyxml2_XMLDocument_delete(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_Parse(handle* document, pen_side_string xml);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_Error(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorID(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorName(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorStr(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorLineNum(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorIDToName(double errorID);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_RootElement(handle* document);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_NewElement(handle* document, pen_side_string name);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_Print(handle* document, handle* printer);
variant _tinyxml2_pen_cxx_tinyxml2_XMLDocument_Accept(handle* document, handle* visitor);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_FirstChildElement_c_string(handle* node,
                                                                      pen_side_string name);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_NextSiblingElement_c_string(handle* node,
                                                                       pen_side_string name);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_InsertEndChild(handle* node, handle* addThis);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_GetDocument(handle* node);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_ToElement(handle* node);
variant _tinyxml2_pen_cxx_tinyxml2_XMLNode_Value(handle* node);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_Name(handle* element);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_Attribute(handle* element, pen_side_string name,
                                                        pen_side_string value);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_FindAttribute(handle* element, pen_side_string name);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_IntAttribute(handle* element, pen_side_string name,
                                                           double defaultValue);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_DoubleAttribute(handle* element, pen_side_string name,
                                                              double defaultValue);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_BoolAttribute(handle* element, pen_side_string name,
                                                            uint8_t defaultValue);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_GetText(handle* element);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_SetText_c_string(handle* element,
                                                               pen_side_string text);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_c_string(handle* element,
                                                                             pen_side_string name,
                                                                             pen_side_string value);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_int(handle* element,
                                                                        pen_side_string name,
                                                                        double value);
variant _tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_double(handle* element,
                                                                           pen_side_string name,
                                                                           double value);
variant _tinyxml2_pen_cxx_tinyxml2_XMLAttribute_Name(handle* attribute);
variant _tinyxml2_pen_cxx_tinyxml2_XMLAttribute_Value(handle* attribute);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_new(handle* file, uint8_t compact, double depth);
void _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_delete(handle* printer);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStr(handle* printer);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStrSize(handle* printer);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushHeader(handle* printer, uint8_t writeBOM,
                                                         uint8_t writeDeclaration);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushComment(handle* printer, pen_side_string comment);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushText_c_string_bool(handle* printer,
                                                                     pen_side_string text,
                                                                     uint8_t cdata);
variant _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushText_int(handle* printer, double value);
handle* _tinyxml2_Tinyxml2XmlElementAsTinyxml2XmlNode(handle* element);
handle* _tinyxml2_Tinyxml2XmlDocumentAsTinyxml2XmlNode(handle* document);
handle* _tinyxml2_Tinyxml2XmlPrinterAsTinyxml2XmlVisitor(handle* printer);
handle* _tinyxml2_Tinyxml2XmlElementNull(void);
bool _tinyxml2_Tinyxml2XmlElementIsNull(handle* element);
bool _tinyxml2_Tinyxml2XmlElementSame(handle* element, handle* other);
bool _tinyxml2_Tinyxml2XmlDocumentSame(handle* document, handle* other);
bool _tinyxml2_Tinyxml2XmlDocumentIsNull(handle* document);
handle* _tinyxml2_FileNull(void);

/* The link wraps the layer's deleter (-Wl,--wrap): how often the shim deleted a document. */
void __real_pen_cxx_tinyxml2_XMLDocument_delete(void* document);
void __wrap_pen_cxx_tinyxml2_XMLDocument_delete(void* document);
static int document_deletes;
void __wrap_pen_cxx_tinyxml2_XMLDocument_delete(void* document) {
  if (document) {
    ++document_deletes;
  }
  __real_pen_cxx_tinyxml2_XMLDocument_delete(document);
}

#define KEEP(h) ((handle*)pen_side_record_clone(h))
#define TEXT(text) pen_side_cstring((text), 0)

/* The Pen module's exports for the package's handle types inside `T | error` (pen-abi 5.3), one
   per class (whether or not the shim calls it). */
#define TO_ANY(type)                                                                               \
  variant _tinyxml2_##type##_to_any(handle* value);                                                \
  variant _tinyxml2_##type##_to_any(handle* value) {                                               \
    return pen_side_record_to_any(value);                                                          \
  }
TO_ANY(Pointer)
TO_ANY(Tinyxml2MemPool)
TO_ANY(Tinyxml2StrPair)
TO_ANY(Tinyxml2XmlAttribute)
TO_ANY(Tinyxml2XmlComment)
TO_ANY(Tinyxml2XmlConstHandle)
TO_ANY(Tinyxml2XmlDeclaration)
TO_ANY(Tinyxml2XmlDocument)
TO_ANY(Tinyxml2XmlElement)
TO_ANY(Tinyxml2XmlHandle)
TO_ANY(Tinyxml2XmlNode)
TO_ANY(Tinyxml2XmlPrinter)
TO_ANY(Tinyxml2XmlText)
TO_ANY(Tinyxml2XmlUnknown)
TO_ANY(Tinyxml2XmlUtil)
TO_ANY(Tinyxml2XmlVisitor)

/* tinyxml2's enum values, as the package's constants (Tinyxml2PreserveWhitespace, ...) give
   them. */
enum {
  preserve_whitespace = 0,
  xml_success = 0,
  xml_error_empty_document = 13,
  xml_error_mismatched_element = 14,
};

static double number_of(variant value) {
  double number = 0;
  CHECK(value.tag == &pen_side_number_tag);
  memcpy(&number, &value.payload, sizeof number);
  return number;
}

static bool boolean_of(variant value) {
  CHECK(value.tag == &pen_side_boolean_tag);
  return value.payload != 0;
}

static pen_side_string string_of(variant value) {
  CHECK(value.tag == &pen_side_string_tag);
  return (pen_side_string)(uintptr_t)value.payload;
}

/* Pen's `if h = x as T`: the handle inside a successful `T | error` (or `T | none | error`). */
static handle* handle_of(variant value) {
  CHECK(value.tag == &pen_side_record_tag);
  return value.tag == &pen_side_record_tag ? (handle*)(uintptr_t)value.payload : NULL;
}

static void expect_none(const char* file, int line, variant value) {
  if (value.tag != &pen_side_none_tag) {
    pen_side_fail(file, line, "expected none");
    pen_side_variant_drop(value);
  }
}
#define CHECK_NONE(value) expect_none(__FILE__, __LINE__, (value))
#define CHECK_DONE(value) expect_none(__FILE__, __LINE__, (value)) /* a `none | error` result */

/* A Pen string with exactly these bytes, shared (count 1: two references) so that the check
   after the call shows the shim dropped exactly the one reference it was given. */
static pen_side_string shared_text(const char* text) {
  return pen_side_cstring(text, 1);
}

static const char malformed[] = "<catalog>\n<book>\n</catalog>";
static const char catalog[] =
    "<catalog name=\"Bücher\" note='say \"hi\"'>"
    "<book id=\"1\" price=\"12.5\" available=\"true\"><title>Pen &amp; C</title></book>"
    "<book id=\"2\" price=\"7.25\"><title>Ünïcode</title></book>"
    "<magazine id=\"3\"/>"
    "<book id=\"4\" price=\"0.5\"/>"
    "</catalog>";
/* What tinyxml2 prints for `catalog` after the element that `build` adds. */
static const char printed_compact[] =
    "<catalog name=\"Bücher\" note=\"say &quot;hi&quot;\">"
    "<book id=\"1\" price=\"12.5\" available=\"true\"><title>Pen &amp; C</title></book>"
    "<book id=\"2\" price=\"7.25\"><title>Ünïcode</title></book>"
    "<magazine id=\"3\"/>"
    "<book id=\"4\" price=\"0.5\"/>"
    "<review by=\"Zoë &quot;Z&quot; &amp; &lt;co&gt;\" stars=\"5\" score=\"4.75\">"
    "good &lt;stuff&gt;</review>"
    "</catalog>";
static const char printed_pretty[] =
    "<catalog name=\"Bücher\" note=\"say &quot;hi&quot;\">\n"
    "    <book id=\"1\" price=\"12.5\" available=\"true\">\n"
    "        <title>Pen &amp; C</title>\n"
    "    </book>\n"
    "    <book id=\"2\" price=\"7.25\">\n"
    "        <title>Ünïcode</title>\n"
    "    </book>\n"
    "    <magazine id=\"3\"/>\n"
    "    <book id=\"4\" price=\"0.5\"/>\n"
    "    <review by=\"Zoë &quot;Z&quot; &amp; &lt;co&gt;\" stars=\"5\" score=\"4.75\">"
    "good &lt;stuff&gt;</review>\n"
    "</catalog>\n";

/* A malformed text: the error as tinyxml2 reports it, and no root element left. */
static void errors(handle* document) {
  pen_side_string text = pen_side_cstring(malformed, 0);
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Parse(KEEP(document), text)),
               xml_error_mismatched_element);
  CHECK(boolean_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Error(KEEP(document))));
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorID(KEEP(document))),
               xml_error_mismatched_element);
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorName(KEEP(document))),
               "XML_ERROR_MISMATCHED_ELEMENT");
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorStr(KEEP(document))),
               "Error=XML_ERROR_MISMATCHED_ELEMENT ErrorID=14 (0xe) Line number=2: XMLElement "
               "name=book");
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorLineNum(KEEP(document))), 2);
  CHECK_RESULT(
      string_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_ErrorIDToName(xml_error_empty_document)),
      "XML_ERROR_EMPTY_DOCUMENT");
  /* A NULL element pointer is a handle like any other: Pen tests it with IsNull. */
  handle* root = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_RootElement(KEEP(document)));
  CHECK(_tinyxml2_Tinyxml2XmlElementIsNull(root));
  /* "" is NULL in Pen; the buffer passes a valid pointer and 0 bytes. */
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Parse(KEEP(document), NULL)),
               xml_error_empty_document);
}

/* Lookups and iteration on the parsed catalog; every element handle is borrowed. */
static void read(handle* document) {
  /* Parse takes the bytes and their length (config `buffers`): the block has no NUL after the
     text, which ASan would see read. A shared string keeps its other reference. */
  pen_side_string text = shared_text(catalog);
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Parse(KEEP(document), text)),
               xml_success);
  CHECK(pen_side_count(text) == 0);
  pen_side_drop(text);
  CHECK(!boolean_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Error(KEEP(document))));

  handle* root = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_RootElement(KEEP(document)));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_Name(KEEP(root))), "catalog");
  /* An element where a node is expected, without an explicit upcast (virtual Value()). */
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLNode_Value(KEEP(root))), "catalog");

  /* Attributes: non-ASCII bytes and an embedded quote arrive as written. */
  handle* name =
      handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_FindAttribute(KEEP(root), TEXT("name")));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLAttribute_Name(KEEP(name))), "name");
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLAttribute_Value(name)), "Bücher");
  handle* note =
      handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_FindAttribute(KEEP(root), TEXT("note")));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLAttribute_Value(note)), "say \"hi\"");
  CHECK_NONE(_tinyxml2_pen_cxx_tinyxml2_XMLElement_FindAttribute(KEEP(root), TEXT("missing")));
  /* Attribute(name, value) answers the value only when it matches. */
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_Attribute(KEEP(root), TEXT("note"),
                                                                         TEXT("say \"hi\""))),
               "say \"hi\"");
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_Attribute(KEEP(root), TEXT("note"),
                                                                         TEXT("other"))),
               "");

  /* The books, through FirstChildElement and NextSiblingElement until none. */
  static const double ids[] = {1, 2, 4};
  static const double prices[] = {12.5, 7.25, 0.5};
  size_t count = 0;
  variant next =
      _tinyxml2_pen_cxx_tinyxml2_XMLNode_FirstChildElement_c_string(KEEP(root), TEXT("book"));
  while (next.tag == &pen_side_record_tag && count < 3) {
    handle* book = handle_of(next);
    CHECK_NUMBER(
        number_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_IntAttribute(KEEP(book), TEXT("id"), -1)),
        ids[count]);
    CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_DoubleAttribute(
                     KEEP(book), TEXT("price"), -1)),
                 prices[count]);
    CHECK(boolean_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_BoolAttribute(
              KEEP(book), TEXT("available"), 0)) == (count == 0));
    variant title =
        _tinyxml2_pen_cxx_tinyxml2_XMLNode_FirstChildElement_c_string(KEEP(book), TEXT("title"));
    if (count == 2) {
      CHECK_NONE(title);
    } else {
      /* Entities decoded; UTF-8 bytes kept. */
      pen_side_string got =
          string_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_GetText(handle_of(title)));
      if (count == 0) {
        CHECK_RESULT(got, "Pen & C");
      } else {
        CHECK_RESULT(got, "Ünïcode");
      }
    }
    next = _tinyxml2_pen_cxx_tinyxml2_XMLNode_NextSiblingElement_c_string(book, TEXT("book"));
    ++count;
  }
  CHECK(count == 3);
  CHECK_NONE(next);

  /* An explicit upcast; an element without text gives none (config `nullable`). */
  handle* magazine = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLNode_FirstChildElement_c_string(
      _tinyxml2_Tinyxml2XmlElementAsTinyxml2XmlNode(KEEP(root)), TEXT("magazine")));
  CHECK_NONE(_tinyxml2_pen_cxx_tinyxml2_XMLElement_GetText(KEEP(magazine)));
  CHECK_NUMBER(
      number_of(_tinyxml2_pen_cxx_tinyxml2_XMLElement_IntAttribute(magazine, TEXT("id"), -1)), 3);
  CHECK_NONE(
      _tinyxml2_pen_cxx_tinyxml2_XMLNode_FirstChildElement_c_string(root, TEXT("newspaper")));

  /* C++ NULL checks: a NULL handle where a reference is needed is an error, not a crash. */
  CHECK_ERROR(_tinyxml2_pen_cxx_tinyxml2_XMLElement_Name(_tinyxml2_Tinyxml2XmlElementNull()),
              "NULL handle passed as 'self' to tinyxml2::XMLElement::Name");
}

/* A new element, owned by the document: inserted through node upcasts, never deleted by Pen. */
static void build(handle* document) {
  handle* root = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_RootElement(KEEP(document)));
  handle* review =
      handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_NewElement(KEEP(document), TEXT("review")));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_c_string(
      KEEP(review), TEXT("by"), TEXT("Zoë \"Z\" & <co>")));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_int(KEEP(review),
                                                                             TEXT("stars"), 5));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLElement_SetAttribute_c_string_double(
      KEEP(review), TEXT("score"), 4.75));
  CHECK_DONE(
      _tinyxml2_pen_cxx_tinyxml2_XMLElement_SetText_c_string(KEEP(review), TEXT("good <stuff>")));
  handle* inserted = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLNode_InsertEndChild(
      _tinyxml2_Tinyxml2XmlElementAsTinyxml2XmlNode(root),
      _tinyxml2_Tinyxml2XmlElementAsTinyxml2XmlNode(KEEP(review))));
  /* The node InsertEndChild answers is the element: ToElement gives the same pointer. */
  handle* again = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLNode_ToElement(inserted));
  CHECK(_tinyxml2_Tinyxml2XmlElementSame(again, KEEP(review)));

  /* The document an element belongs to: the same object, sharing the document's handle box
     (so its finalizer still runs once, after the last of both). */
  handle* owner = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLNode_GetDocument(review));
  CHECK(_tinyxml2_Tinyxml2XmlDocumentSame(KEEP(owner), KEEP(document)));
  pen_side_handle_drop(owner);
}

/* XMLPrinter in memory (a NULL FILE *): the document printed compact through Print, indented
   through Accept with the printer as an XMLVisitor (virtual dispatch), and by hand. */
static void print(handle* document) {
  handle* compact =
      handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_new(_tinyxml2_FileNull(), 1, 0));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Print(KEEP(document), KEEP(compact)));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStr(KEEP(compact))),
               printed_compact);
  /* CStrSize counts the terminating NUL. */
  CHECK_NUMBER(number_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStrSize(compact)),
               (double)sizeof printed_compact);

  handle* pretty = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_new(_tinyxml2_FileNull(), 0, 0));
  CHECK(boolean_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_Accept(
      KEEP(document), _tinyxml2_Tinyxml2XmlPrinterAsTinyxml2XmlVisitor(KEEP(pretty)))));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStr(pretty)), printed_pretty);

  /* By hand, then deleted explicitly and dropped: the printer's destructor runs once.
     (OpenElement is blocked by the config: the printer keeps the name pointer.) */
  handle* manual = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_new(_tinyxml2_FileNull(), 0, 0));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushHeader(KEEP(manual), 0, 1));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushComment(KEEP(manual), TEXT("a<b")));
  CHECK_DONE(
      _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushText_c_string_bool(KEEP(manual), TEXT("x & y"), 0));
  CHECK_DONE(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushText_int(KEEP(manual), 42));
  CHECK_DONE(
      _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_PushText_c_string_bool(KEEP(manual), TEXT("raw<"), 1));
  CHECK_RESULT(string_of(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStr(KEEP(manual))),
               "<?xml version=\"1.0\"?>\n<!--a<b-->x &amp; y42<![CDATA[raw<]]>");
  _tinyxml2_pen_cxx_tinyxml2_XMLPrinter_delete(KEEP(manual));
  CHECK_ERROR(_tinyxml2_pen_cxx_tinyxml2_XMLPrinter_CStr(manual),
              "NULL handle passed as 'self' to tinyxml2::XMLPrinter::CStr");
}

int main(void) {
  handle* document = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_new(1, preserve_whitespace));
  errors(document);
  read(document);
  build(document);
  print(document);
  /* The document is dropped last, after every borrowed handle into it. */
  CHECK(document_deletes == 0);
  pen_side_handle_drop(document);
  CHECK(document_deletes == 1);

  /* An explicit delete disarms the handle: the last drop deletes nothing twice. */
  handle* other = handle_of(_tinyxml2_pen_cxx_tinyxml2_XMLDocument_new(0, preserve_whitespace));
  handle* as_node = _tinyxml2_Tinyxml2XmlDocumentAsTinyxml2XmlNode(KEEP(other));
  _tinyxml2_pen_cxx_tinyxml2_XMLDocument_delete(KEEP(other));
  CHECK(document_deletes == 2);
  CHECK(_tinyxml2_Tinyxml2XmlDocumentIsNull(other));
  CHECK_ERROR(_tinyxml2_pen_cxx_tinyxml2_XMLNode_Value(as_node),
              "NULL handle passed as 'self' to tinyxml2::XMLNode::Value");
  CHECK(document_deletes == 2);
  return pen_side_finish();
}
