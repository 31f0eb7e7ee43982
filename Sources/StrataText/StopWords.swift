/// Words too common to say anything about an interest, in English and Chinese.
public enum StopWords {
    /// English function words: scikit-learn's list without the content words it includes
    /// ("fire", "interest", "system", "top", "full", …), which name real interests in a catalog.
    public static let english: Set<String> = Set(
        """
        a about above across after afterwards again against all almost alone along already also although always am among \
        amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back be became \
        because become becomes becoming been before beforehand behind being below beside besides between beyond both but \
        by can cannot cant co con could couldnt de do done down due during each eg eight either eleven else elsewhere \
        enough etc even ever every everyone everything everywhere except few fifteen fifty fill for former formerly forty \
        four from further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself \
        him himself his how however hundred i ie if in inc indeed into is it its itself keep last latter latterly least \
        less ltd made many may me meanwhile might mine more moreover most mostly much must my myself namely neither never \
        nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one only onto or \
        other others otherwise our ours ourselves out over own per perhaps please put rather re same see seem seemed \
        seeming seems several she should since six sixty so some somehow someone something sometime sometimes somewhere \
        still such take ten than that the their them themselves then thence there thereafter thereby therefore therein \
        thereupon these they third this those though three through throughout thru thus to together too toward towards \
        twelve twenty two un under until up upon us very via was we well were what whatever when whence whenever where \
        whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose \
        why will with within without would yet you your yours yourself yourselves s t don just \
        don't doesn't didn't isn't aren't wasn't can't won't i'm i've i'd i'll you're we're they're it's that's \
        la le les el los las der die das du des di da del und et il ein une un

        """.split(separator: " ").map(String.init))

    /// Chinese function characters (and the measure word 款, "一款", "这款"); a character bigram containing one
    /// of them is dropped, and learned words never span one.
    public static let chineseCharacters: Set<Character> = Set("的了是在和与及或也很都就着过吗呢吧啊这那我你他她它们一个上不有为对把被让从而且之其款")
}
