package com.clinicbackbone.notification.reply;

import static org.assertj.core.api.Assertions.assertThat;

import com.clinicbackbone.notification.reply.ReplyKeyword.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyKeywordTest {

    @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "STOP|STOP|OPT_OUT",
            "  stop  |STOP|OPT_OUT",
            "Stop please|STOP|OPT_OUT",
            "STOPALL|STOPALL|OPT_OUT",
            "unsubscribe|UNSUBSCRIBE|OPT_OUT",
            "End|END|OPT_OUT",
            "quit|QUIT|OPT_OUT",
            "CANCEL|CANCEL|OPT_OUT",
            "ARRET|ARRET|OPT_OUT",
            "arrêt|ARRET|OPT_OUT",
            "ARRÊT.|ARRET|OPT_OUT",
            "start|START|OPT_IN",
            "UNSTOP|UNSTOP|OPT_IN",
            "C|C|CONFIRM",
            "c!|C|CONFIRM",
            "oui merci|OUI|CONFIRM",
            "Yes|YES|CONFIRM",
            "x|X|CANCEL",
            "Non|NON|CANCEL",
            "no.|NO|CANCEL",
            "y|Y|TAKE_OFFER",
            "O|O|TAKE_OFFER",
            "n.|N|PASS_OFFER"})
    void recognisesTheFirstWordWhateverItsCaseAccentsOrPunctuation(String body, String keyword, Action action) {
        assertThat(ReplyKeyword.of(body)).isEqualTo(new ReplyKeyword(keyword, action));
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "what time is my appointment?", "please stop", "STOPP", "CX", "🙂"})
    void anythingElseAsksForHelpAndKeepsNoText(String body) {
        assertThat(ReplyKeyword.of(body)).isEqualTo(new ReplyKeyword(null, Action.HELP));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n"})
    void anEmptyMessageAsksForHelp(String body) {
        assertThat(ReplyKeyword.of(body).action()).isEqualTo(Action.HELP);
    }

    @ParameterizedTest(name = "\"{0}\" answers an open offer: {1}")
    @CsvSource({"Y,true", "yes,true", "O,true", "oui,true", "N,false", "No,false", "non,false"})
    void yesAndNoWordsAnswerAnOpenWaitlistOffer(String body, boolean take) {
        assertThat(ReplyKeyword.of(body).offerAnswer()).contains(take);
    }

    @ParameterizedTest
    @ValueSource(strings = {"C", "X", "STOP", "hello"})
    void cXAndTheRestNeverAnswerAnOffer(String body) {
        assertThat(ReplyKeyword.of(body).offerAnswer()).isEmpty();
    }
}
