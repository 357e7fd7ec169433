<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="412" />
        <source>Compare temperatures</source>
        <translation>比较不同温度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="414" />
        <source>Temperature {t}</source>
        <translation>温度 {t}</translation>
    </message>
</context>
<context>
    <name>CorpusPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="137" />
        <source>Drop a text file, several files or a folder anywhere on this window — or start with a sample.</source>
        <translation>把一个或多个文本文件、或整个文件夹拖到窗口任意位置——或者从示例开始。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="139" />
        <source>Open text file…</source>
        <translation>打开文本文件…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="140" />
        <source>Open folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="141" />
        <source>Samples:</source>
        <translation>示例：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/bundled.py" line="36" />
        <source>Tiny Shakespeare</source>
        <translation>莎士比亚选段</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/bundled.py" line="37" />
        <source>Tang poems (Chinese)</source>
        <translation>唐诗（中文）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="144" />
        <source>Detect automatically</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="145" />
        <source>Characters</source>
        <translation>字符</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="146" />
        <source>Words and punctuation</source>
        <translation>单词和标点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="147" />
        <source>Reading</source>
        <translation>读取</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="148" />
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="163" />
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="148" />
        <source>Symbols are:</source>
        <translation>符号单位：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="149" />
        <source>Rare-symbol threshold:</source>
        <translation>罕见符号阈值：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="149" />
        <source>Validation split:</source>
        <translation>验证集比例：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="151" />
        <source>How the file's bytes map to characters. Detection is usually right; pick one if the preview shows garbled text.</source>
        <translation>文件字节如何对应到字符。自动检测通常是对的；如果预览出现乱码，请手动选择。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="153" />
        <source>Characters work for every language, Chinese included. Words suit languages written with spaces and large texts.</source>
        <translation>按字符适用于所有语言，包括中文。按单词适合用空格分词的语言和大文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="155" />
        <source>Symbols seen fewer times than this become one “unknown” symbol. Useful for Chinese, which has thousands of rare characters. Automatic keeps every symbol of a small alphabet, and of a large one the symbols that make up 99.5 % of the text.</source>
        <translation>出现次数少于此值的符号合并为一个“未知”符号。对有数千个生僻字的中文很有用。“自动”会保留小字母表的全部符号；对大字符集，则保留占全文 99.5% 的那些符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="159" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="244" />
        <source>{n} undecodable byte(s) were read as �; the first at {where}.</source>
        <translation>有 {n} 个无法解码的字节被读作 �；第一个位于 {where}。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="265" />
        <source>{kept} symbols cover {share} of the text; {rare} rarer ones become {unk} (threshold: seen at least {n} times).</source>
        <translation>{kept} 个符号覆盖全文的 {share}；其余 {rare} 个较罕见的符号记作 {unk}（阈值：至少出现 {n} 次）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="270" />
        <source>All {n} distinct symbols are kept.</source>
        <translation>全部 {n} 个不同符号都保留。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="160" />
        <source>The last part of the text is held back to measure how well the network writes text it has not seen.</source>
        <translation>文本的最后一部分不参与训练，用来衡量网络写出未见过文本的能力。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="162" />
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="163" />
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="163" />
        <source>Files:</source>
        <translation>文件数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="164" />
        <source>Size:</source>
        <translation>大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="164" />
        <source>Characters:</source>
        <translation>字符数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="165" />
        <source>Symbols:</source>
        <translation>符号数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="165" />
        <source>Vocabulary:</source>
        <translation>词表大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="166" />
        <source>Unknown symbols:</source>
        <translation>未知符号：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="168" />
        <source>Most frequent symbols</source>
        <translation>最常见的符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="169" />
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="171" />
        <source>No text yet.</source>
        <translation>还没有文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="207" />
        <source>Reading {name}…</source>
        <translation>正在读取 {name}…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/corpus_page.py" line="241" />
        <source>Ready: {name}</source>
        <translation>已就绪：{name}</translation>
    </message>
</context>
<context>
    <name>Curves</name>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="106" />
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="107" />
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="108" />
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="109" />
        <source>Gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="111" />
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="112" />
        <source>training (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="113" />
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="208" />
        <source>bits per symbol</source>
        <translation>每符号比特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="208" />
        <source>nats per symbol</source>
        <translation>每符号奈特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="214" />
        <source>Validation loss at step {step}: &lt;b&gt;{nats:.3f} nats&lt;/b&gt; = {bits:.3f} bits per symbol = perplexity {ppl:.1f} (as unsure as a choice among {ppl:.1f} symbols)</source>
        <translation>第 {step} 步的验证损失：&lt;b&gt;{nats:.3f} 奈特&lt;/b&gt; = 每符号 {bits:.3f} 比特 = 困惑度 {ppl:.1f}（相当于在 {ppl:.1f} 个符号中犹豫不决）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="218" />
        <source>Ignoring context (symbol frequencies only): {nats:.3f} nats, perplexity {ppl:.1f}</source>
        <translation>不看上下文（只用符号频率）：{nats:.3f} 奈特，困惑度 {ppl:.1f}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/curves.py" line="237" />
        <source>context-free baseline {value:.2f}</source>
        <translation>无上下文基线 {value:.2f}</translation>
    </message>
</context>
<context>
    <name>GradientView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="66" />
        <source>How far back the loss reaches</source>
        <translation>损失能回溯多远</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="67" />
        <source>steps back (k)</source>
        <translation>回溯步数 (k)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="68" />
        <source>‖∂loss / ∂h(t−k)‖</source>
        <translation>‖∂损失 / ∂h(t−k)‖</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="70" />
        <source>Gradient norm of each part, during training</source>
        <translation>训练中各部分的梯度范数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="71" />
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="75" />
        <source>Left: the gradient of the loss at the last symbol of a window with respect to the hidden state k steps earlier, from validation text. Where it falls to nothing, the network cannot learn from that far back: vanishing gradients, the vanilla RNN's weakness, which the LSTM's cell state was made to fix.</source>
        <translation>左图：窗口最后一个符号处的损失对 k 步之前隐藏状态的梯度（取自验证文本）。梯度降到几乎为零的地方，网络就无法从那么远的过去学习：这就是梯度消失，普通 RNN 的弱点，LSTM 的细胞状态正是为解决它而设计的。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="125" />
        <source>Gradient clipping is off.</source>
        <translation>梯度裁剪已关闭。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="127" />
        <source>Clipping (at {clip}) never had to cut a step.</source>
        <translation>梯度裁剪（阈值 {clip}）从未需要截断任何一步。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/gradient_view.py" line="129" />
        <source>Clipping (at {clip}) cut {share} of the steps, on average by a factor of {factor}.</source>
        <translation>梯度裁剪（阈值 {clip}）截断了 {share} 的步数，平均缩小为原来的 1/{factor}。</translation>
    </message>
</context>
<context>
    <name>InspectPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="81" />
        <source>Validation text (an excerpt)</source>
        <translation>验证文本（节选）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="81" />
        <source>The latest sample</source>
        <translation>最新生成的样本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="82" />
        <source>My own text</source>
        <translation>我自己的文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="85" />
        <source>Text:</source>
        <translation>文本：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="86" />
        <source>Type or paste a text to run the model over…</source>
        <translation>输入或粘贴一段文本，让模型在上面运行……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="87" />
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="87" />
        <source>Gates</source>
        <translation>门</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="87" />
        <source>Surprise</source>
        <translation>意外程度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="87" />
        <source>Copying</source>
        <translation>抄写</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="88" />
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="131" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="131" />
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="138" />
        <source>Train or open a model first.</source>
        <translation>请先训练或打开一个模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="140" />
        <source>Load a text first.</source>
        <translation>请先载入文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="142" />
        <source>Generate a sample first (step 4).</source>
        <translation>请先生成一段样本（第 4 步）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="144" />
        <source>Choose a text and press Inspect.</source>
        <translation>选择一段文本，然后按“检查”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="157" />
        <source>The text needs at least two symbols.</source>
        <translation>文本至少需要两个符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="181" />
        <source>Running the model over {n} symbols…</source>
        <translation>正在让模型处理 {n} 个符号……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="193" />
        <source>Inspected {n} symbols.</source>
        <translation>已检查 {n} 个符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/inspect_page.py" line="216" />
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="92" />
        <source>1 · Text</source>
        <translation>1 · 文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="92" />
        <source>2 · Model</source>
        <translation>2 · 模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="92" />
        <source>3 · Train</source>
        <translation>3 · 训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="93" />
        <source>4 · Generate</source>
        <translation>4 · 生成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="83" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="84" />
        <source>Open &amp;text file…</source>
        <translation>打开文本文件(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="85" />
        <source>Open &amp;folder of texts…</source>
        <translation>打开文本文件夹(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="86" />
        <source>Open &amp;model…</source>
        <translation>打开模型(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="87" />
        <source>Open a sam&amp;ple text</source>
        <translation>打开示例文本(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="90" />
        <source>Recent texts</source>
        <translation>最近的文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="91" />
        <source>Recent models</source>
        <translation>最近的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="92" />
        <source>&amp;New model</source>
        <translation>新建模型(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="93" />
        <source>&amp;Save model</source>
        <translation>保存模型(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="94" />
        <source>Save model &amp;as…</source>
        <translation>模型另存为(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="95" />
        <source>&amp;Export model…</source>
        <translation>导出模型(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="96" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="97" />
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="98" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="101" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="102" />
        <source>&amp;About RNN Studio</source>
        <translation>关于 RNN Studio(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="93" />
        <source>5 · Inspect</source>
        <translation>5 · 检查</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="93" />
        <source>6 · Runs</source>
        <translation>6 · 运行记录</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="94" />
        <source>7 · Search</source>
        <translation>7 · 搜索</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="115" />
        <source>unsaved model</source>
        <translation>未保存的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="123" />
        <source>Text: {name}, {n} symbols</source>
        <translation>文本：{name}，{n} 个符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="126" />
        <source>Model: {cell} {layers}×{hidden}, {steps} steps trained</source>
        <translation>模型：{cell} {layers}×{hidden}，已训练 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="129" />
        <source>Open a text to begin.</source>
        <translation>打开一个文本开始吧。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="135" />
        <source>Choose a text to learn from first (step 1).</source>
        <translation>请先选择要学习的文本（第 1 步）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="168" />
        <source>Open text</source>
        <translation>打开文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="168" />
        <source>Text files (*.txt *.md *.csv *.tsv *.json *.xml *.html *.py *.c *.srt);;All files (*)</source>
        <translation>文本文件 (*.txt *.md *.csv *.tsv *.json *.xml *.html *.py *.c *.srt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="175" />
        <source>Open a folder of texts</source>
        <translation>打开文本文件夹</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="208" />
        <source>A model is open. Continue training it on this text, or start a new model that learns this text's own symbols?</source>
        <translation>已经打开了一个模型。要在这段文本上继续训练它，还是新建一个学习这段文本自身符号的模型？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="211" />
        <source>they will be read as its “unknown” symbol</source>
        <translation>这些符号会被当作模型的“未知”符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="212" />
        <source>they will be left out of the text</source>
        <translation>这些符号会从文本中略去</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="213" />
        <source>The model does not know {n} of this text's symbols ({share} of the text, e.g. {examples}); if you continue, {what}.</source>
        <translation>模型不认识这段文本中的 {n} 个符号（占全文 {share}，例如 {examples}）；如果继续训练，{what}。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="217" />
        <source>New text, open model</source>
        <translation>新文本，已打开的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="218" />
        <source>Continue the model</source>
        <translation>继续训练该模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="218" />
        <source>New model</source>
        <translation>新建模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="224" />
        <source>Could not use this text</source>
        <translation>无法使用此文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="31" />
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="347" />
        <location filename="../../rnnstudio/gui/model_actions.py" line="40" />
        <source>Training is running</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="40" />
        <source>Stop training before opening a model.</source>
        <translation>请先停止训练，再打开模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="124" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="140" />
        <source>Could not open the model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="72" />
        <location filename="../../rnnstudio/gui/model_actions.py" line="81" />
        <source>Nothing to save</source>
        <translation>没有可保存的内容</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="72" />
        <location filename="../../rnnstudio/gui/model_actions.py" line="81" />
        <source>Train a model first.</source>
        <translation>请先训练一个模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="84" />
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="114" />
        <source>Web page (*.html);;ONNX (*.onnx);;torch.export (*.pt2)</source>
        <translation>网页 (*.html);;ONNX (*.onnx);;torch.export (*.pt2)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="131" />
        <source>Exported {page}: open it in a web browser</source>
        <translation>已导出 {page}：用网页浏览器打开即可</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="140" />
        <source>Could not save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="106" />
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="32" />
        <source>RNN Studio models (*{ext});;All files (*)</source>
        <translation>RNN Studio 模型 (*{ext});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="85" />
        <source>RNN Studio models (*{ext})</source>
        <translation>RNN Studio 模型 (*{ext})</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="111" />
        <source>Nothing to export</source>
        <translation>没有可导出的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="111" />
        <source>Train or open a model first.</source>
        <translation>请先训练或打开一个模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="113" />
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="141" />
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="176" />
        <source>RNN Studio found a model that was being trained on “{text}” when the app last closed without saving: {steps} steps, saved {when}. Restore it? (No moves it to the trash.)</source>
        <translation>RNN Studio 上次关闭时没有保存，找到了一个正在用“{text}”训练的模型：已训练 {steps} 步，保存于 {when}。要恢复它吗？（选“否”会把它移到回收站。）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="133" />
        <source>Exported {model} and {vocab}</source>
        <translation>已导出 {model} 和 {vocab}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="124" />
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="128" />
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="128" />
        <source>“{path}” no longer exists.</source>
        <translation>“{path}”已不存在。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="290" />
        <source>Check the settings</source>
        <translation>请检查设置</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="323" />
        <source>Training went wrong</source>
        <translation>训练出错</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="324" />
        <source>The training diverged: {reason}.

What to try: {suggestion}.

The best weights so far were kept.</source>
        <translation>训练发散了：{reason}。

可以尝试：{suggestion}。

目前最好的权重已保留。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="329" />
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/model_actions.py" line="175" />
        <source>Restore unsaved model?</source>
        <translation>恢复未保存的模型？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="336" />
        <source>Unsaved model</source>
        <translation>模型未保存</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="336" />
        <source>The trained model has not been saved. Save it first?</source>
        <translation>训练好的模型还没有保存。要先保存吗？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/mainwindow.py" line="348" />
        <source>Stop training and quit? You can save the model before the app closes.</source>
        <translation>停止训练并退出？关闭前可以保存模型。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="142" />
        <source>About RNN Studio</source>
        <translation>关于 RNN Studio</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/menus.py" line="142" />
        <source>RNN Studio {app}
Train a recurrent neural network on your own text and watch it learn to write.

torch {torch}, Qt {qt} (PySide6 {pyside}), Python {python}
Training device: {device}</source>
        <translation>RNN Studio {app}
用你自己的文本训练循环神经网络，看着它学会写作。

torch {torch}，Qt {qt}（PySide6 {pyside}），Python {python}
训练设备：{device}</translation>
    </message>
</context>
<context>
    <name>MemorisationView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/memorisation_view.py" line="18" />
        <source>{n}-grams {share}</source>
        <translation>{n} 元组 {share}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/memorisation_view.py" line="79" />
        <source>Which parts of the text were copied from the training text appears here (the index of the training text is built once, in the background).</source>
        <translation>这里显示文本中哪些部分抄自训练文本（训练文本的索引只在后台建立一次）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/memorisation_view.py" line="83" />
        <source>Found verbatim in the training text: &lt;b&gt;{shares}&lt;/b&gt;. Longest copied span: &lt;b&gt;{n}&lt;/b&gt; symbols. Highlighted: spans of 8 or more symbols that occur in the training text.</source>
        <translation>在训练文本中原样出现：&lt;b&gt;{shares}&lt;/b&gt;。最长的抄写片段：&lt;b&gt;{n}&lt;/b&gt; 个符号。高亮：在训练文本中出现过的 8 个及以上符号的片段。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/memorisation_view.py" line="88" />
        <source>The longest span comes from character {at} of the training text: “{context}”</source>
        <translation>最长的片段来自训练文本的第 {at} 个字符处：“{context}”</translation>
    </message>
</context>
<context>
    <name>ModelPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="111" />
        <source>Tiny</source>
        <translation>微型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="111" />
        <source>Fitted to this text (default)</source>
        <translation>按此文本自动设定（默认）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="111" />
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="112" />
        <source>Medium</source>
        <translation>中型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="113" />
        <source>Large</source>
        <translation>大型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="113" />
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="274" />
        <source>Fitted to the text: good text in a few minutes on a laptop.</source>
        <translation>按文本设定：在笔记本电脑上几分钟就能写出像样的文字。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="65" />
        <source>Vanilla RNN (tanh)</source>
        <translation>普通 RNN（tanh）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="66" />
        <source>Vanilla RNN (ReLU)</source>
        <translation>普通 RNN（ReLU）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="67" />
        <source>LSTM</source>
        <translation>LSTM</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="67" />
        <source>GRU</source>
        <translation>GRU</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="112" />
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="113" />
        <source>Cosine with warm-up</source>
        <translation>余弦（带预热）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="114" />
        <source>Reduce on plateau</source>
        <translation>停滞时降低</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="115" />
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="118" />
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="115" />
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="116" />
        <source>NVIDIA GPU (CUDA)</source>
        <translation>NVIDIA 显卡（CUDA）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="117" />
        <source>Apple GPU (MPS)</source>
        <translation>Apple 显卡（MPS）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="119" />
        <source>32-bit float</source>
        <translation>32 位浮点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="120" />
        <source>bfloat16 (mixed)</source>
        <translation>bfloat16（混合精度）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="69" />
        <source>Full softmax</source>
        <translation>完整 softmax</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="70" />
        <source>Adaptive softmax (fast for many symbols)</source>
        <translation>自适应 softmax（符号多时更快）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="115" />
        <source>Preset:</source>
        <translation>预设：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="64" />
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="111" />
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="118" />
        <source>Cost</source>
        <translation>开销</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="72" />
        <source>Cell:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="72" />
        <source>Layers:</source>
        <translation>层数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="73" />
        <source>Hidden size:</source>
        <translation>隐藏层大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="73" />
        <source>Embedding size:</source>
        <translation>嵌入大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="74" />
        <source>Dropout:</source>
        <translation>Dropout：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="74" />
        <source>Output layer:</source>
        <translation>输出层：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="122" />
        <source>Window length:</source>
        <translation>窗口长度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="122" />
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="123" />
        <source>Learning rate:</source>
        <translation>学习率：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="123" />
        <source>Optimiser:</source>
        <translation>优化器：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="124" />
        <source>Schedule:</source>
        <translation>学习率计划：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="124" />
        <source>Gradient clipping:</source>
        <translation>梯度裁剪：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="125" />
        <source>Max steps:</source>
        <translation>最多步数：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="125" />
        <source>Max minutes:</source>
        <translation>最长分钟：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="126" />
        <source>Evaluate every:</source>
        <translation>评估间隔：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="127" />
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="126" />
        <source>… or every:</source>
        <translation>……或每隔：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="127" />
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="128" />
        <source>Precision:</source>
        <translation>精度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="130" />
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="131" />
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="132" />
        <source>only at the end</source>
        <translation>仅在结束时</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="133" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="134" />
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="135" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_form.py" line="136" />
        <source>steps only</source>
        <translation>仅按步数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="66" />
        <source>{kept} symbols cover {coverage} % of the text; the {rare} rarer ones share one unknown symbol.</source>
        <translation>{kept} 个符号覆盖全文的 {coverage}%；其余 {rare} 个较罕见的符号共用一个未知符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="68" />
        <source>{vocab} symbols: an adaptive output layer (the {head} most frequent first) makes each step about twice as fast, with exact probabilities.</source>
        <translation>{vocab} 个符号：自适应输出层（先算最常见的 {head} 个）让每一步快约一倍，概率依然精确。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="70" />
        <source>Embedding {emb}: many symbols, each carrying more meaning.</source>
        <translation>嵌入维度 {emb}：符号多，每个符号承载的含义也更多。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="73" />
        <source>One LSTM layer of {hidden}: twice the steps of two layers in the same time, and more learned in the first minutes.</source>
        <translation>一层 {hidden} 的 LSTM：同样时间里步数是两层的两倍，头几分钟学到的更多。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="75" />
        <source>One GRU layer of {hidden} over windows of {window} symbols: with thousands of symbols it learns faster than two LSTM layers.</source>
        <translation>一层 {hidden} 单元的 GRU，窗口 {window} 个字符：字符上千时，它比两层 LSTM 学得更快。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="88" />
        <source>Speed: open a text to measure it on this computer.</source>
        <translation>速度：打开文本后会在这台电脑上实测。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="91" />
        <source>Speed: measured when training is not running.</source>
        <translation>速度：在没有训练时实测。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="92" />
        <source>Speed: measuring on this computer…</source>
        <translation>速度：正在这台电脑上实测…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="95" />
        <source>Speed: could not be measured. {reason}</source>
        <translation>速度：无法测量。{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="101" />
        <source>Measured on this computer: {sps} symbols/s; one step ≈ {step}; one pass over the text ≈ {epoch}; the whole run ≈ {total}.</source>
        <translation>在这台电脑上实测：每秒 {sps} 个符号；每步约 {step}；过一遍全文约 {epoch}；整次训练约 {total}。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="13" />
        <source>Ready-made sizes. The default is Small, fitted to the loaded text: the output layer and embedding follow the size of its vocabulary.</source>
        <translation>现成的规模。默认是按已加载文本设定的“小”模型：输出层和嵌入维度随词表大小而定。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="15" />
        <source>How the network turns its state into a probability for each symbol. With thousands of symbols (Chinese) the adaptive softmax computes the rare ones only when needed: about twice as fast, same exact probabilities.</source>
        <translation>网络如何把状态变成每个符号的概率。符号多达数千个（如中文）时，自适应 softmax 只在需要时才计算罕见符号：快约一倍，概率同样精确。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="18" />
        <source>The kind of recurrent unit. LSTM and GRU remember longer and train more reliably than a vanilla RNN.</source>
        <translation>循环单元的类型。LSTM 和 GRU 比普通 RNN 记得更久，训练也更稳定。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="20" />
        <source>How many recurrent layers are stacked. More layers learn more complex patterns but train slower.</source>
        <translation>叠加多少层循环层。层数越多能学到越复杂的模式，但训练越慢。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="22" />
        <source>The size of each layer's memory. Bigger remembers more, costs more.</source>
        <translation>每层记忆的大小。越大记得越多，开销也越大。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="23" />
        <source>How many numbers describe each symbol on its way into the network.</source>
        <translation>每个符号进入网络时用多少个数字来描述。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="24" />
        <source>Randomly silences this fraction of connections while training, so the network does not just memorise the text. It starts after the first pass over the text: before that every window is new, and dropout would only slow learning. 0 turns it off.</source>
        <translation>训练时随机屏蔽这一比例的连接，使网络不只是背诵文本。它在第一遍读完文本之后才开始：在此之前每个窗口都是新的，随机失活只会拖慢学习。0 表示关闭。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="28" />
        <source>How many symbols the network reads before it learns from its mistakes. Longer windows teach longer-range patterns.</source>
        <translation>网络每读多少个符号就从错误中学习一次。窗口越长，能学到越远的关联。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="30" />
        <source>How many pieces of text are read side by side in each step.</source>
        <translation>每一步并排读取多少段文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="31" />
        <source>How big each learning step is. Too high and training blows up; too low and it crawls. Written like 0.003 or 3e-3.</source>
        <translation>每一步学习的幅度。太大会使训练崩溃，太小则进展缓慢。写法如 0.003 或 3e-3。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="33" />
        <source>The rule that turns mistakes into weight changes. Adam is a safe choice.</source>
        <translation>把错误转化为权重调整的规则。Adam 是稳妥的选择。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="34" />
        <source>How the learning rate changes over time. Cosine starts gently, then slows down towards the end of the step or time limit.</source>
        <translation>学习率随时间的变化方式。余弦计划先平缓升高，接近步数或时间上限时逐渐减小。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="36" />
        <source>Caps the size of each update, so one bad step cannot wreck the network.</source>
        <translation>限制每次更新的幅度，避免一步出错毁掉整个网络。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="37" />
        <source>Stop after this many steps (0 = no step limit).</source>
        <translation>训练到这么多步后停止（0 = 不限步数）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="38" />
        <source>Stop after this much training time (0 = no time limit).</source>
        <translation>训练这么长时间后停止（0 = 不限时间）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="39" />
        <source>How often to measure the loss on text held back from training, save a checkpoint and show a sample.</source>
        <translation>每隔多久在留出的文本上测一次损失、保存检查点并展示一段生成文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="41" />
        <source>Also evaluate, autosave and show a sample on the clock: the first time after 20 seconds, then this often, whichever comes first. A crash loses at most this much training.</source>
        <translation>也按时间评估、自动保存并显示样例：第一次在 20 秒后，之后每隔这么久（与步数间隔以先到者为准）。程序崩溃时最多损失这么长时间的训练。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="44" />
        <source>The starting point of the random numbers: the same seed and settings give the same training run.</source>
        <translation>随机数的起点：相同的种子和设置会得到完全相同的训练过程。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="46" />
        <source>Where to train. Automatic uses a GPU when there is one.</source>
        <translation>在哪里训练。“自动”会在有显卡时使用显卡。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="47" />
        <source>bfloat16 roughly doubles speed on recent CPUs and GPUs at the same quality. Automatic uses it where the hardware supports it. Chosen on a CPU without it, it still works, but slower than 32-bit float: the speed line shows by how much.</source>
        <translation>bfloat16 在较新的 CPU 和 GPU 上能以相同质量把速度提高约一倍。“自动”会在硬件支持时使用它。在不支持它的 CPU 上选择它仍然可以训练，但比 32 位浮点慢：速度一行会显示慢多少。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_texts.py" line="71" />
        <source>Batch {batch} at learning rate {lr}: many small steps, at the rate a search on Chinese poems found best.</source>
        <translation>批大小 {batch}、学习率 {lr}：步子多而小，这个学习率是在唐诗上搜索得出的最佳值。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="221" />
        <source>The learning rate must be a number above 0 and at most 10, like 0.003.</source>
        <translation>学习率必须是大于 0 且不超过 10 的数，例如 0.003。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="223" />
        <source>Set a step limit, a time limit, or both.</source>
        <translation>请设置步数上限、时间上限，或两者都设。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="268" />
        <source>One layer of 128: trains in seconds, for a first look.</source>
        <translation>一层 128：几秒钟就能训练完，适合初次体验。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="269" />
        <source>Two layers of 256: good text in a few minutes on a laptop.</source>
        <translation>两层 256：在笔记本上几分钟就能写出像样的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="270" />
        <source>Two layers of 512: better text, wants half an hour or more.</source>
        <translation>两层 512：文本更好，需要半小时或更久。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="271" />
        <source>Three layers of 768: best with a GPU or hours to spare.</source>
        <translation>三层 768：最好有显卡，或者有几个小时的时间。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="275" />
        <source>Your own settings.</source>
        <translation>你自己的设置。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="279" />
        <source> (for a 65-symbol vocabulary; open a corpus for the exact figure)</source>
        <translation>（按 65 个符号的词表估算；打开文本后显示准确数字）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/model_page.py" line="280" />
        <source>Parameters: {n}</source>
        <translation>参数量：{n}</translation>
    </message>
</context>
<context>
    <name>NeuronView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="21" />
        <source>hidden state h</source>
        <translation>隐藏状态 h</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="21" />
        <source>cell state c</source>
        <translation>细胞状态 c</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="22" />
        <source>input gate i</source>
        <translation>输入门 i</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="22" />
        <source>forget gate f</source>
        <translation>遗忘门 f</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="23" />
        <source>candidate g</source>
        <translation>候选值 g</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="23" />
        <source>output gate o</source>
        <translation>输出门 o</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="24" />
        <source>reset gate r</source>
        <translation>重置门 r</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="24" />
        <source>update gate z</source>
        <translation>更新门 z</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="25" />
        <source>candidate n</source>
        <translation>候选值 n</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="105" />
        <source>Layer:</source>
        <translation>层：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="106" />
        <source>Signal:</source>
        <translation>信号：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="107" />
        <source>Unit:</source>
        <translation>单元：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="108" />
        <source>Find units</source>
        <translation>查找单元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="109" />
        <source>Units that track the selected text</source>
        <translation>跟踪所选文本的单元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="110" />
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="111" />
        <source>Inside quotes</source>
        <translation>引号之内</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="111" />
        <source>Inside brackets</source>
        <translation>括号之内</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="112" />
        <source>Position in the line</source>
        <translation>在行中的位置</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="112" />
        <source>Inside a word</source>
        <translation>单词之内</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="113" />
        <source>After a line break</source>
        <translation>换行之后</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="116" />
        <source>Score: 0 is chance, 1 separates perfectly. Select some text (for example everything inside quotes) to rank the units by how well they pick it out.</source>
        <translation>得分：0 等于随机，1 表示完全区分。选中一段文本（例如引号里的所有内容），即可按各单元识别它的能力排序。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="142" />
        <source>symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="143" />
        <source>unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="219" />
        <source>Point at a symbol to see this unit's gates and state there.</source>
        <translation>把鼠标指向一个符号，查看该单元在那里的门和状态。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="233" />
        <source>layer {layer}, {signal}, unit {unit}: {score} {arrow}</source>
        <translation>第 {layer} 层，{signal}，单元 {unit}：{score} {arrow}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/neuron_view.py" line="245" />
        <source>Select part of the text, not none or all of it.</source>
        <translation>请选中文本的一部分，不能一个都不选，也不能全选。</translation>
    </message>
</context>
<context>
    <name>OutputView</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="81" />
        <source>&lt;b&gt;{sym}&lt;/b&gt;: probability {p}</source>
        <translation>&lt;b&gt;{sym}&lt;/b&gt;：概率 {p}</translation>
    </message>
</context>
<context>
    <name>OverlayView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="47" />
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="47" />
        <source>symbols seen</source>
        <translation>已见符号数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="47" />
        <source>seconds of training</source>
        <translation>训练秒数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="50" />
        <source>Compare by:</source>
        <translation>比较依据：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="51" />
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="52" />
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="96" />
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/overlay_view.py" line="80" />
        <source>nats per symbol</source>
        <translation>每符号奈特</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../rnnstudio/gui/qt_strings.py" line="11" />
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/qt_strings.py" line="12" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>RunsPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="80" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="80" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="80" />
        <source>Cell</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="81" />
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="81" />
        <source>Hidden</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="81" />
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="82" />
        <source>Best validation</source>
        <translation>最佳验证损失</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="82" />
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="83" />
        <source>Symbols/s</source>
        <translation>符号/秒</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="83" />
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="83" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="84" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="86" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="87" />
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="88" />
        <source>Delete…</source>
        <translation>删除……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="89" />
        <source>Export data (CSV)…</source>
        <translation>导出数据（CSV）……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="90" />
        <source>Export plot…</source>
        <translation>导出图表……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="112" />
        <source>The run library cannot be opened: {error}</source>
        <translation>无法打开运行记录库：{error}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="115" />
        <source>Run library</source>
        <translation>运行记录库</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="116" />
        <source>The run library was damaged. It was moved to {path} and a new one was started.</source>
        <translation>运行记录库已损坏。它已被移到 {path}，并新建了一个。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="131" />
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="131" />
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="131" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="132" />
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="132" />
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="133" />
        <source>interrupted</source>
        <translation>被中断</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="149" />
        <source>Its last autosave: {path}</source>
        <translation>最后一次自动保存：{path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="162" />
        <source>{n} runs. Select several to compare them.</source>
        <translation>共 {n} 次运行。选中几次即可比较。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="163" />
        <source>No runs yet: every training run is kept here.</source>
        <translation>还没有运行记录：每次训练都会保存在这里。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="201" />
        <source>This run's model file is no longer there.</source>
        <translation>这次运行的模型文件已不存在。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="216" />
        <source>(none: every file is still used by another run or by this window)</source>
        <translation>（没有：每个文件都仍被另一次运行或本窗口使用）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="218" />
        <source>Delete runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="218" />
        <source>Delete {n} run(s) from the library?</source>
        <translation>从记录库中删除 {n} 次运行？</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="219" />
        <source>With their files, these would be deleted:</source>
        <translation>连同文件一起删除时，将删除这些文件：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="220" />
        <source>Delete the runs</source>
        <translation>删除运行记录</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="220" />
        <source>Delete the runs and their model files</source>
        <translation>删除运行记录及其模型文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="230" />
        <source>Export data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="230" />
        <source>CSV (*.csv)</source>
        <translation>CSV（*.csv）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="236" />
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="247" />
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="240" />
        <source>Export plot</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/runs_page.py" line="240" />
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG 图片（*.png）;;SVG 矢量图（*.svg）</translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="193" />
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="204" />
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="195" />
        <source>Start with:</source>
        <translation>开头文本：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="195" />
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="195" />
        <source>Temperature:</source>
        <translation>温度：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="195" />
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="196" />
        <source>Top-p:</source>
        <translation>Top-p：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="196" />
        <source>Repetition penalty:</source>
        <translation>重复惩罚：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="196" />
        <source>Fixed seed:</source>
        <translation>固定种子：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="196" />
        <source>Stop at:</source>
        <translation>遇到即停止：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="198" />
        <source>Optional text to continue, e.g. ROMEO:</source>
        <translation>可选的开头文本，例如 ROMEO: 或 春眠</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="199" />
        <source>e.g. \n\n | THE END</source>
        <translation>例如 \n\n | 完</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="200" />
        <source>Skip unknown symbols</source>
        <translation>跳过未知符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="201" />
        <source>Symbols the model never saw are left out of the start text, and the symbol that stands for “some rare symbol” (�) is never written. Untick to see them.</source>
        <translation>开头文本里模型没见过的符号会被略去，代表“某个罕见符号”的 � 也不会写出。取消勾选即可看到它们。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="205" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="206" />
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="207" />
        <source>Save text…</source>
        <translation>保存文本…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="208" />
        <source>Compare temperatures…</source>
        <translation>比较不同温度…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="209" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="210" />
        <source> symbols</source>
        <translation> 个符号</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="211" />
        <source>Low: safe and repetitive. High: adventurous, more mistakes. 0 always picks the likeliest symbol.</source>
        <translation>低：稳妥但容易重复。高：大胆但错误更多。0 总是选择可能性最大的符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="214" />
        <source>Only choose among the k likeliest symbols (0 = no limit).</source>
        <translation>只在可能性最大的 k 个符号中选择（0 = 不限）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="215" />
        <source>Only choose among the likeliest symbols that together make up this much probability (1 = no limit).</source>
        <translation>只在累计概率达到此值的最可能符号中选择（1 = 不限）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="217" />
        <source>Above 1, symbols used in the last 64 are made less likely, to avoid loops.</source>
        <translation>大于 1 时，最近 64 个符号中出现过的符号会降低概率，以免陷入循环。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="219" />
        <source>With a fixed seed the same settings always give the same text.</source>
        <translation>固定种子后，相同设置总会生成相同的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="220" />
        <source>Generation ends when one of these appears; separate several with |. Write \n for a line break.</source>
        <translation>生成内容中出现其中任意一个时停止；多个用 | 分隔。换行写作 \n。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="224" />
        <source>Train a model or open one to generate text.</source>
        <translation>请训练或打开一个模型来生成文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="253" />
        <source>Training is running: generating from the snapshot at step {step}.</source>
        <translation>训练正在进行：用第 {step} 步的快照生成。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="256" />
        <source>Ready.</source>
        <translation>已就绪。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="286" />
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="319" />
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="320" />
        <source>Done: {n} symbols.</source>
        <translation>完成：{n} 个符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="334" />
        <source>Found verbatim in the training text: {shares}; longest copied span {n} symbols (underlined).</source>
        <translation>在训练文本中原样出现：{shares}；最长的抄写片段 {n} 个符号（加下划线）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="357" />
        <source>Save text</source>
        <translation>保存文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="357" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/sample_page.py" line="363" />
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>SaturationView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="41" />
        <source>share of symbols with the gate closed (&amp;lt; 0.1)</source>
        <translation>门关闭（&amp;lt; 0.1）的符号比例</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="42" />
        <source>share of symbols with the gate open (&amp;gt; 0.9)</source>
        <translation>门打开（&amp;gt; 0.9）的符号比例</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="56" />
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="65" />
        <source>Gate saturation of the layer chosen in the neuron view appears here.</source>
        <translation>这里显示在神经元视图中所选层的门饱和度。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="68" />
        <source>A vanilla RNN has no gates. Choose an LSTM or a GRU to see them.</source>
        <translation>普通 RNN 没有门。选择 LSTM 或 GRU 才能看到它们。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/saturation_view.py" line="70" />
        <source>Layer {layer}: each dot is one unit's gate. Along the axes: gates that act as switches; near the corner (0, 0): gates that work in between.</source>
        <translation>第 {layer} 层：每个点是一个单元的门。靠近坐标轴的点：像开关一样工作的门；靠近 (0, 0) 角的点：工作在中间状态的门。</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="83" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="84" />
        <source>Cell</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="84" />
        <source>Layers</source>
        <translation>层数</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="84" />
        <source>Hidden size</source>
        <translation>隐藏层大小</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="85" />
        <source>Embedding size</source>
        <translation>嵌入维度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="85" />
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="85" />
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="86" />
        <source>Window length</source>
        <translation>窗口长度</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="90" />
        <source>May vary:</source>
        <translation>可变化的设置：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="90" />
        <source>Time for the search:</source>
        <translation>搜索总时间：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="91" />
        <source>Each trial trains:</source>
        <translation>每次试验训练：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="91" />
        <source>Study name:</source>
        <translation>研究名称：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="93" />
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="94" />
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="95" />
        <source>Open the best model</source>
        <translation>打开最佳模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="96" />
        <source>Trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="96" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="96" />
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="97" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="122" />
        <source>Each trial and the best so far</source>
        <translation>每次试验与目前最佳</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="123" />
        <source>trial</source>
        <translation>试验</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="124" />
        <source>nats per symbol</source>
        <translation>每符号奈特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="126" />
        <source>What mattered</source>
        <translation>哪些设置最重要</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="128" />
        <source>Every trial across its settings (darker: better)</source>
        <translation>每次试验的各项设置（颜色越深越好）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="145" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="145" />
        <source>Start the search</source>
        <translation>开始搜索</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="147" />
        <source>Load a text first (step 1).</source>
        <translation>请先载入文本（第 1 步）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="158" />
        <source>Stopping after this trial's current step…</source>
        <translation>当前试验的这一步完成后停止……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="170" />
        <source>Choose at least one setting that may vary.</source>
        <translation>请至少选择一项可变化的设置。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="204" />
        <source>Searching: the first trial is training…</source>
        <translation>正在搜索：第一次试验正在训练……</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="212" />
        <source>Continuing the study: {n} earlier trials.</source>
        <translation>继续这项研究：之前已有 {n} 次试验。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="227" />
        <source>{n} trials; the best: trial {best}, {value} nats per symbol.</source>
        <translation>共 {n} 次试验；最佳：第 {best} 次，每符号 {value} 奈特。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="232" />
        <source>complete</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="232" />
        <source>stopped early</source>
        <translation>提前停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/search_page.py" line="279" />
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>SurpriseView</name>
    <message>
        <location filename="../../rnnstudio/gui/views/surprise_view.py" line="53" />
        <source>The model's surprise at each symbol appears here.</source>
        <translation>这里显示模型对每个符号的意外程度。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/surprise_view.py" line="56" />
        <source>&lt;b&gt;{nats} nats&lt;/b&gt; per symbol ({bits} bits, perplexity {ppl}) over {n} symbols. Green: the model expected it; red: it did not. Point at a symbol to see what it expected instead.</source>
        <translation>在 {n} 个符号上平均每个符号 &lt;b&gt;{nats} 奈特&lt;/b&gt;（{bits} 比特，困惑度 {ppl}）。绿色：模型预料到了；红色：没有预料到。把鼠标指向一个符号，查看模型原本预计的是什么。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/surprise_view.py" line="68" />
        <source>Expected:</source>
        <translation>预计的：</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/views/surprise_view.py" line="69" />
        <source>&lt;b&gt;{sym}&lt;/b&gt;: probability {p}, loss {loss} nats</source>
        <translation>&lt;b&gt;{sym}&lt;/b&gt;：概率 {p}，损失 {loss} 奈特</translation>
    </message>
</context>
<context>
    <name>TrainPage</name>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="117" />
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="117" />
        <source>Continue training</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="118" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="118" />
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="119" />
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="120" />
        <source>Bits per symbol</source>
        <translation>每符号比特</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="121" />
        <source>Show the loss in bits per symbol instead of nats (divide by ln 2).</source>
        <translation>以每符号比特而不是奈特显示损失（除以 ln 2）。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="123" />
        <source>What the network writes now (refreshed at each evaluation; drag the dotted line along the loss curve to go back)</source>
        <translation>网络现在写出的文本（每次评估时刷新；沿损失曲线拖动虚线可回看以前的）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="126" />
        <source>What the network wrote at step {step}</source>
        <translation>网络在第 {step} 步时写出的文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="128" />
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="129" />
        <source>Train on the chosen text with the chosen settings.</source>
        <translation>用选定的文本和设置进行训练。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="131" />
        <source>{steps} steps trained</source>
        <translation>已训练 {steps} 步</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="132" />
        <source>Not started</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="196" />
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="240" />
        <source>step {step}: validation loss {loss:.4f} nats ({bits:.3f} bits/symbol, perplexity {ppl:.2f})</source>
        <translation>第 {step} 步：验证损失 {loss:.4f} 奈特（每符号 {bits:.3f} 比特，困惑度 {ppl:.2f}）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="245" />
        <source>no improvement: learning rate lowered to {lr:.2g}</source>
        <translation>没有改进：学习率降低到 {lr:.2g}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="252" />
        <source>started on {device} ({precision}), {params} parameters, batch {batch}</source>
        <translation>已在 {device}（{precision}）上开始，{params} 个参数，批大小 {batch}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="254" />
        <source>, continuing from step {step}</source>
        <translation>，从第 {step} 步继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="257" />
        <source>checkpoint saved</source>
        <translation>已保存检查点</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="259" />
        <source>could not save the checkpoint ({error}); training goes on</source>
        <translation>无法保存检查点（{error}）；训练继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="261" />
        <source>paused at step {step}</source>
        <translation>在第 {step} 步暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="262" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="264" />
        <source>resumed</source>
        <translation>已继续</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="268" />
        <source>training diverged: {reason}</source>
        <translation>训练发散：{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="286" />
        <source>Copied from the training text: {shares}; longest span {n} symbols.</source>
        <translation>抄自训练文本：{shares}；最长片段 {n} 个符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="290" />
        <source>Validation − training loss: {gap} nats.</source>
        <translation>验证损失 − 训练损失：{gap} 奈特。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="298" />
        <source>{pct}% · step {step} · {sps} symbols/s · {eta} left</source>
        <translation>{pct}% · 第 {step} 步 · 每秒 {sps} 个符号 · 剩余 {eta}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="302" />
        <source>reached the step limit</source>
        <translation>达到步数上限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="302" />
        <source>reached the time limit</source>
        <translation>达到时间上限</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="303" />
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="303" />
        <source>stopped early: no more improvement</source>
        <translation>提前停止：不再改进</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="304" />
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="305" />
        <source>finished: {reason} after {step} steps, {time}</source>
        <translation>结束：{reason}，共 {step} 步，用时 {time}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="307" />
        <source>Finished: {reason}</source>
        <translation>结束：{reason}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="313" />
        <source>error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="354" />
        <source>opened a model trained for {steps} steps; validation loss at step {at}: {loss}</source>
        <translation>打开了一个已训练 {steps} 步的模型；第 {at} 步的验证损失：{loss}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/pages/train_page.py" line="357" />
        <source>opened a model trained for {steps} steps</source>
        <translation>打开了一个已训练 {steps} 步的模型</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../rnnstudio/gui/app.py" line="105" />
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/app.py" line="106" />
        <source>RNN Studio met an unexpected problem and carried on. Details were written to:
{path}</source>
        <translation>RNN Studio 遇到了意外问题，但仍在继续运行。详细信息已写入：
{path}</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="20" />
        <source>a PNG image</source>
        <translation>PNG 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="21" />
        <source>a JPEG image</source>
        <translation>JPEG 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="22" />
        <source>a GIF image</source>
        <translation>GIF 图片</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="23" />
        <source>a zip archive or office document</source>
        <translation>zip 压缩包或 Office 文档</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="24" />
        <source>a zip archive</source>
        <translation>zip 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="25" />
        <source>a PDF document</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="26" />
        <source>binary data</source>
        <translation>二进制数据</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="27" />
        <source>a program</source>
        <translation>程序</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="28" />
        <source>a Windows program</source>
        <translation>Windows 程序</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="29" />
        <source>a gzip archive</source>
        <translation>gzip 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="30" />
        <source>a bzip2 archive</source>
        <translation>bzip2 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="31" />
        <source>an xz archive</source>
        <translation>xz 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="32" />
        <source>a 7-Zip archive</source>
        <translation>7-Zip 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="33" />
        <source>a RAR archive</source>
        <translation>RAR 压缩包</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="34" />
        <source>a sound or video file</source>
        <translation>音频或视频文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="35" />
        <source>an MP3 file</source>
        <translation>MP3 文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="36" />
        <source>an Ogg file</source>
        <translation>Ogg 文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="37" />
        <source>an old Office document</source>
        <translation>旧版 Office 文档</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="38" />
        <source>a SQLite database</source>
        <translation>SQLite 数据库</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="39" />
        <source>a NumPy array</source>
        <translation>NumPy 数组</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="46" />
        <source>this is a folder, not a model file</source>
        <translation>这是文件夹，不是模型文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="47" />
        <source>the weights hold invalid numbers (the file is damaged)</source>
        <translation>权重中有无效数值（文件已损坏）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="48" />
        <source>the weights do not match the model's settings (the file is damaged)</source>
        <translation>权重与模型设置不符（文件已损坏）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="50" />
        <location filename="../../rnnstudio/gui/messages.py" line="51" />
        <source>the vocabulary in the file is damaged</source>
        <translation>文件中的词表已损坏</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="52" />
        <source>the file does not exist</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="53" />
        <source>the file is empty or cut short</source>
        <translation>文件是空的或不完整</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="54" />
        <source>this is not an RNN Studio model file</source>
        <translation>这不是 RNN Studio 模型文件</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="55" />
        <source>it was saved by a newer RNN Studio; please update the app</source>
        <translation>它由更新版本的 RNN Studio 保存；请更新应用</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="56" />
        <source>the file is damaged or cut short</source>
        <translation>文件已损坏或不完整</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="67" />
        <source>the training loss became infinite or not a number</source>
        <translation>训练损失变成了无穷大或非数值</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="68" />
        <source>the gradients became infinite or not a number</source>
        <translation>梯度变成了无穷大或非数值</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="69" />
        <source>the training loss exploded from {0} to {1}</source>
        <translation>训练损失从 {0} 暴涨到 {1}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="75" />
        <source>lower the learning rate (try {0})</source>
        <translation>降低学习率（试试 {0}）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="76" />
        <source>turn on gradient clipping (e.g. 1.0)</source>
        <translation>打开梯度裁剪（例如 1.0）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="77" />
        <source>or use an LSTM or GRU cell, which are far more stable than a ReLU RNN</source>
        <translation>或者改用 LSTM 或 GRU 单元，它们比 ReLU RNN 稳定得多</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="80" />
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="85" />
        <source>CUDA was asked for, but this computer has no CUDA GPU. Choose “Automatic” or “CPU” as the device.</source>
        <translation>选择了 CUDA，但这台电脑没有 CUDA GPU。请把设备选为“自动”或“CPU”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="87" />
        <source>Apple MPS was asked for, but it is not available on this computer. Choose “Automatic” or “CPU” as the device.</source>
        <translation>选择了 Apple MPS，但这台电脑上不可用。请把设备选为“自动”或“CPU”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="89" />
        <source>bfloat16 training is not supported on Apple MPS; choose 32-bit float.</source>
        <translation>Apple MPS 不支持 bfloat16 训练；请选择 32 位浮点。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="107" />
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="108" />
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="109" />
        <source>it does not exist</source>
        <translation>它不存在</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="111" />
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="112" />
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="113" />
        <source>the system refused</source>
        <translation>系统拒绝了操作</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="124" />
        <source>Mark some of the text, not none or all of it.</source>
        <translation>请标出文本的一部分，不要一个不标，也不要全部标出。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="125" />
        <source>The text is empty.</source>
        <translation>文本是空的。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="126" />
        <source>The text has no symbols the model knows.</source>
        <translation>这段文本里没有模型认识的符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="128" />
        <source>The text needs at least two symbols the model knows.</source>
        <translation>文本至少需要两个模型认识的符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="130" />
        <source>This text cannot continue this model: it was read with another vocabulary. Load the text again.</source>
        <translation>这段文本不能用来继续训练此模型：它是用另一套词表读入的。请重新载入文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="133" />
        <location filename="../../rnnstudio/gui/messages.py" line="134" />
        <source>The text needs at least 2 distinct symbols.</source>
        <translation>文本至少需要 2 个不同的符号。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="135" />
        <source>Set a step limit, a time limit, or both.</source>
        <translation>请设置步数上限、时间上限，或两者都设。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="137" />
        <source>The time for a trial and for the search must be above 0.</source>
        <translation>每次试验的时间和整个搜索的时间都必须大于 0。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="140" />
        <source>Some of the chosen settings cannot be varied by a search.</source>
        <translation>所选设置中有些不能由搜索来调整。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="196" />
        <source>RNN Studio met an unexpected problem and stopped this task. The details were written to {path}</source>
        <translation>RNN Studio 遇到意外问题，已停止这项任务。详细信息已写入 {path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="95" />
        <source>it is the text being read</source>
        <translation>它是正在读取的文本</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="96" />
        <source>it is the model being read</source>
        <translation>它是正在读取的模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="97" />
        <source>the file exists and is not an RNN Studio model</source>
        <translation>文件已存在，且不是 RNN Studio 模型</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="98" />
        <location filename="../../rnnstudio/gui/messages.py" line="110" />
        <source>it is a folder</source>
        <translation>它是文件夹</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="99" />
        <source>the folder does not exist</source>
        <translation>文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="100" />
        <source>the folder cannot be written (permission denied or read-only)</source>
        <translation>无法写入该文件夹（没有权限或只读）</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="148" />
        <source>“{path}” does not exist.</source>
        <translation>“{path}”不存在。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="150" />
        <source>“{path}” is empty: there is no text to learn from.</source>
        <translation>“{path}”是空的：没有可学习的文本。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="152" />
        <source>The folder “{path}” holds no text files.</source>
        <translation>文件夹“{path}”中没有文本文件。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="154" />
        <source>“{path}” is not a text file (it looks like {kind}). Choose a plain-text file.</source>
        <translation>“{path}”不是文本文件（看起来是{kind}）。请选择纯文本文件。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="157" />
        <source>“{path}” cannot be read as {encoding}. Choose another encoding, or “Detect”.</source>
        <translation>无法按 {encoding} 读取“{path}”。请选择其他编码，或选“自动检测”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="159" />
        <source>“{path}” cannot be read as {encoding}: the byte at offset {offset} ({byte}) does not fit. Choose another encoding, or “Detect”.</source>
        <translation>无法按 {encoding} 读取“{path}”：偏移 {offset} 处的字节（{byte}）不符合该编码。请换一种编码，或选“自动检测”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="162" />
        <source>“{encoding}” is not an encoding this app knows.</source>
        <translation>本程序不认识“{encoding}”这种编码。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="164" />
        <source>These settings need about {need} of memory ({params} weights), but only {free} is free. Choose fewer or smaller layers, a smaller batch or a shorter window.</source>
        <translation>这些设置大约需要 {need} 内存（{params} 个权重），但只有 {free} 可用。请减少层数或缩小层、减小批大小或缩短窗口。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="169" />
        <source>“{path}” cannot be written: {detail}</source>
        <translation>无法写入“{path}”：{detail}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="172" />
        <source>“{path}” has only {count} distinct symbol(s); at least 2 are needed.</source>
        <translation>“{path}”只有 {count} 种不同的符号；至少需要 2 种。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="174" />
        <source>“{path}” is too short: {count} symbols for training, but one training window needs {needed}. Use more text or a shorter window.</source>
        <translation>“{path}”太短了：训练部分只有 {count} 个符号，而一个训练窗口需要 {needed} 个。请使用更多文本或更短的窗口。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="177" />
        <source>The model never saw these symbols in its training text: {symbols}. Remove them, or tick “Skip unknown symbols”.</source>
        <translation>模型在训练文本中从未见过这些符号：{symbols}。请删除它们，或勾选“跳过不认识的符号”。</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="180" />
        <source>“{path}” could not be opened as a model: {detail}</source>
        <translation>无法把“{path}”作为模型打开：{detail}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="183" />
        <source>Permission denied: {path}</source>
        <translation>没有权限：{path}</translation>
    </message>
    <message>
        <location filename="../../rnnstudio/gui/messages.py" line="185" />
        <source>Could not read or write “{path}”: {reason}</source>
        <translation>无法读写“{path}”：{reason}</translation>
    </message>
</context>
</TS>
