package org.wbaudit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each character Microsoft lists as reserved in an OU path (event 33001), and names that are fine. */
class DnCharactersCheckTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      OU=Sales,DC=corp,DC=example                       | -                                   | -
      OU=R&D (EMEA),OU=Sales,DC=corp,DC=example          | -                                   | -
      OU=Sales\\, EMEA,DC=corp,DC=example               | a comma                             | OU=Sales\\, EMEA
      OU=A\\+B,DC=corp                                  | a plus sign                         | OU=A\\+B
      OU=\\"Q\\",DC=corp                                | a quotation mark                    | OU=\\"Q\\"
      OU=back\\\\slash,DC=corp                          | a backslash                         | OU=back\\\\slash
      OU=\\<lt,DC=corp                                  | a left angle bracket                | OU=\\<lt
      OU=gt\\>,DC=corp                                  | a right angle bracket               | OU=gt\\>
      OU=semi\\;colon,DC=corp                           | a semicolon                         | OU=semi\\;colon
      OU=eq\\=ual,DC=corp                               | an equal sign                       | OU=eq\\=ual
      OU=fwd/slash,DC=corp                              | a forward slash                     | OU=fwd/slash
      OU=line\\0Afeed,DC=corp                           | a line feed                         | OU=line\\0Afeed
      OU=carriage\\0Dreturn,DC=corp                     | a carriage return                   | OU=carriage\\0Dreturn
      OU=\\#hash,DC=corp                                | a # at the start of the name        | OU=\\#hash
      OU=\\ lead,DC=corp                                | a space at the start of the name    | OU=\\ lead
      OU=trail\\ ,DC=corp                               | a space at the end of the name      | 'OU=trail\\ '
      OU=in#side,DC=corp                                | -                                   | -
      OU=Deep,OU=a/b,OU=Top,DC=corp                     | a forward slash                     | OU=a/b
      """)
  void namesTheContainerAndTheCharacter(String parent, String character, String rdn) {
    DnCharactersCheck.Problem p = DnCharactersCheck.judge(parent);
    assertEquals(character, p.character());
    assertEquals(rdn, p.rdn());
  }
}
